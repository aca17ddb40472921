package io.hatidata.api.controlplane;

/** What a role may do (SPEC §2.1.1). */
public enum Permission {
    EXECUTE_QUERIES,
    READ_SCHEMA,
    MODIFY_SCHEMA,
    MANAGE_POLICIES,
    MANAGE_USERS,
    MANAGE_API_KEYS,
    VIEW_AUDIT_LOGS,
    MANAGE_BILLING,
    MANAGE_WEBHOOKS,
    CONFIGURE_SSO,
    DELETE_ORGANIZATION
}

package io.hatidata.api.controlplane;

import static io.hatidata.api.controlplane.Permission.CONFIGURE_SSO;
import static io.hatidata.api.controlplane.Permission.DELETE_ORGANIZATION;
import static io.hatidata.api.controlplane.Permission.EXECUTE_QUERIES;
import static io.hatidata.api.controlplane.Permission.MANAGE_API_KEYS;
import static io.hatidata.api.controlplane.Permission.MANAGE_BILLING;
import static io.hatidata.api.controlplane.Permission.MANAGE_POLICIES;
import static io.hatidata.api.controlplane.Permission.MANAGE_USERS;
import static io.hatidata.api.controlplane.Permission.MANAGE_WEBHOOKS;
import static io.hatidata.api.controlplane.Permission.MODIFY_SCHEMA;
import static io.hatidata.api.controlplane.Permission.READ_SCHEMA;
import static io.hatidata.api.controlplane.Permission.VIEW_AUDIT_LOGS;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The six roles and their permission matrix (SPEC §2.1.1). A user has exactly one role per organization;
 * an API key carries a role too (at most its creator's).
 */
public enum Role {
    OWNER("owner", EnumSet.allOf(Permission.class)),
    ADMIN("admin", EnumSet.complementOf(EnumSet.of(MANAGE_BILLING, DELETE_ORGANIZATION))),
    ANALYST("analyst", EnumSet.of(EXECUTE_QUERIES, READ_SCHEMA)),
    AUDITOR("auditor", EnumSet.of(VIEW_AUDIT_LOGS)),
    DEVELOPER("developer", EnumSet.of(EXECUTE_QUERIES, READ_SCHEMA, MODIFY_SCHEMA)),
    SERVICE_ACCOUNT("service_account", EnumSet.of(EXECUTE_QUERIES, READ_SCHEMA));

    private final String json;
    private final Set<Permission> permissions;

    Role(String json, Set<Permission> permissions) {
        this.json = json;
        this.permissions = permissions;
    }

    /** The JSON value, such as {@code service_account}. */
    public String json() {
        return json;
    }

    public boolean has(Permission permission) {
        return permissions.contains(permission);
    }

    /** The role of a JSON value, or empty for an unknown one. */
    public static Optional<Role> fromJson(String value) {
        for (Role each : values()) {
            if (each.json.equals(value)) {
                return Optional.of(each);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a caller with this role may give {@code target} to someone (elevation rules of SPEC §2.1.1):
     * only an owner grants owner or admin; an admin grants the other roles; nobody else grants anything.
     */
    public boolean mayGrant(Role target) {
        return switch (this) {
            case OWNER -> true;
            case ADMIN -> target != OWNER && target != ADMIN;
            default -> false;
        };
    }
}

package io.hatidata.audit;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.EnvironmentService;
import io.hatidata.api.controlplane.Permission;

/**
 * Who may read the audit trails: the view-audit-logs permission (owner, admin, auditor) and, for an API
 * key, the scope {@code audit:read}. Another organization's environment or organization is
 * {@code NOT_FOUND} (checked first, so its existence is not revealed); an API key reaches only its own
 * environment's query trail.
 */
final class AuditAccess {
    static final String SCOPE = "audit:read";

    private final EnvironmentService environments;

    AuditAccess(EnvironmentService environments) {
        this.environments = environments;
    }

    /** The caller may read this environment's query trail. */
    void environment(Caller caller, String environmentId) {
        if (environmentId == null || environmentId.isBlank()) {
            throw ControlPlaneException.notFound("environment");
        }
        environments.get(caller, environmentId);
        if (caller.method() == Caller.Method.API_KEY && !caller.identity().environmentId().equals(environmentId)) {
            throw ControlPlaneException.notFound("environment");
        }
        permission(caller);
    }

    /** The caller may read this organization's IAM trail. */
    void organization(Caller caller, String organizationId) {
        if (organizationId == null || !organizationId.equals(caller.identity().organizationId())) {
            throw ControlPlaneException.notFound("organization");
        }
        permission(caller);
    }

    private static void permission(Caller caller) {
        if (!caller.role().has(Permission.VIEW_AUDIT_LOGS)) {
            throw ControlPlaneException.forbidden("the role " + caller.role().json() + " may not read audit logs");
        }
        if (caller.method() == Caller.Method.API_KEY && !caller.scopes().contains(SCOPE)) {
            throw ControlPlaneException.forbidden("the API key lacks the scope " + SCOPE);
        }
    }
}

package io.hatidata.billing;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.Permission;

/**
 * Who may read and change billing: another organization is {@code NOT_FOUND}; usage and quotas need
 * {@code MANAGE_BILLING} (owner) and, for an API key, the scope {@code billing:manage}; one key's or
 * agent's usage also {@code MANAGE_API_KEYS} (owner, admin) with {@code keys:manage}.
 */
final class BillingAccess {
    static final String BILLING_SCOPE = "billing:manage";
    static final String KEYS_SCOPE = "keys:manage";

    private BillingAccess() {}

    static void requireBilling(Caller caller, String organizationId) {
        requireMember(caller, organizationId);
        if (!caller.role().has(Permission.MANAGE_BILLING)) {
            throw ControlPlaneException.forbidden("only the owner manages billing");
        }
        requireScope(caller, BILLING_SCOPE);
    }

    static void requireUsageReader(Caller caller, String organizationId) {
        requireMember(caller, organizationId);
        if (caller.role().has(Permission.MANAGE_BILLING)) {
            requireScope(caller, BILLING_SCOPE);
        } else if (caller.role().has(Permission.MANAGE_API_KEYS)) {
            requireScope(caller, KEYS_SCOPE);
        } else {
            throw ControlPlaneException.forbidden("the role " + caller.role().json() + " may not read usage");
        }
    }

    private static void requireMember(Caller caller, String organizationId) {
        if (organizationId == null || !organizationId.equals(caller.identity().organizationId())) {
            throw ControlPlaneException.notFound("organization");
        }
    }

    private static void requireScope(Caller caller, String scope) {
        if (caller.method() == Caller.Method.API_KEY && !caller.scopes().contains(scope)) {
            throw ControlPlaneException.forbidden("the API key lacks the scope " + scope);
        }
    }
}

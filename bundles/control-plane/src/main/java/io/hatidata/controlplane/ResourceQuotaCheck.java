package io.hatidata.controlplane;

import io.hatidata.api.billing.OrganizationQuotas;
import io.hatidata.api.billing.Quota;
import java.sql.Connection;
import java.sql.SQLException;

/** Asks billing (when it runs) whether an organization may have one more environment, user or key. */
final class ResourceQuotaCheck {
    private ResourceQuotaCheck() {}

    /** Does nothing while no billing bundle offers {@link OrganizationQuotas}. */
    static void requireRoom(OrganizationQuotas quotas, Connection transaction, String organizationId, Quota quota,
            String environmentId) throws SQLException {
        if (quotas != null) {
            quotas.requireRoom(transaction, organizationId, quota, environmentId);
        }
    }
}

package io.hatidata.billing;

import io.hatidata.api.billing.OrganizationQuotas;
import io.hatidata.api.billing.Quota;
import java.sql.Connection;
import java.sql.SQLException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link OrganizationQuotas} for the control plane: {@code max_environments}, {@code max_users}, {@code max_api_keys_per_environment}. */
@Component(service = OrganizationQuotas.class)
public final class ResourceQuotas implements OrganizationQuotas {
    private final QuotaBook quotas;

    @Activate
    public ResourceQuotas(@Reference QuotaBook quotas) {
        this.quotas = quotas;
    }

    @Override
    public void requireRoom(Connection transaction, String organizationId, Quota quota, String environmentId)
            throws SQLException {
        quotas.requireRoom(transaction, organizationId, quota, environmentId);
    }
}

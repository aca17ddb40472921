package io.hatidata.api.billing;

import java.sql.Connection;
import java.sql.SQLException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The check the control plane makes before it adds an environment, a user or an API key: refuses when
 * the organization already has as many as its quota allows. Called inside the control plane's own
 * transaction on the control-plane data source, so the count and the insert see the same data.
 */
@ProviderType
public interface OrganizationQuotas {

    /**
     * Refuses with {@link io.hatidata.api.controlplane.ControlPlaneException.Reason#QUOTA_EXCEEDED} when one
     * more would exceed the quota.
     *
     * @param transaction an open connection of the control-plane data source
     * @param quota {@link Quota#MAX_ENVIRONMENTS}, {@link Quota#MAX_USERS} or
     *     {@link Quota#MAX_API_KEYS_PER_ENVIRONMENT}
     * @param environmentId the environment, for {@link Quota#MAX_API_KEYS_PER_ENVIRONMENT}; else ignored
     */
    void requireRoom(Connection transaction, String organizationId, Quota quota, String environmentId)
            throws SQLException;
}

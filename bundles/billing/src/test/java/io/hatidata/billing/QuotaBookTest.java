package io.hatidata.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hatidata.api.billing.Quota;
import io.hatidata.api.billing.QuotaChanges;
import io.hatidata.api.billing.Quotas;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.Tier;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuotaBookTest {
    @TempDir
    Path dir;

    private BillingFixture billing;

    @BeforeEach
    void start() throws Exception {
        billing = new BillingFixture(dir);
    }

    @Test
    void tierDefaultsFollowTheSpecsCloudExample() throws Exception {
        Quotas cloud = billing.quotas.of(BillingFixture.ORG);
        assertEquals(Tier.CLOUD, cloud.tier());
        assertEquals(10_000, cloud.limit(Quota.MONTHLY_CREDIT_LIMIT));
        assertEquals(100, cloud.limit(Quota.MAX_CONCURRENT_QUERIES));
        assertEquals(1_000_000, cloud.limit(Quota.MAX_ROWS_PER_QUERY));
        assertEquals(500, cloud.limit(Quota.STORAGE_LIMIT_GB));
        assertEquals(5, cloud.limit(Quota.MAX_ENVIRONMENTS));
        assertEquals(25, cloud.limit(Quota.MAX_USERS));
        assertEquals(50, cloud.limit(Quota.MAX_API_KEYS_PER_ENVIRONMENT));
        assertEquals(List.of(80, 100), cloud.alertThresholds());
        assertEquals(Tier.FREE, billing.quotas.of("org_other").tier());
        assertEquals(Quotas.UNLIMITED, Quota.MONTHLY_CREDIT_LIMIT.defaultFor(Tier.ENTERPRISE));
    }

    @Test
    void anOwnerOverridesAndResetsQuotasAndThresholds() throws Exception {
        Quotas changed = billing.quotas.update(BillingFixture.ORG, new QuotaChanges(
                Map.of(Quota.MONTHLY_CREDIT_LIMIT, 50L, Quota.MAX_USERS, Quotas.UNLIMITED), List.of(100, 50, 90)));
        assertEquals(50, changed.limit(Quota.MONTHLY_CREDIT_LIMIT));
        assertEquals(Quotas.UNLIMITED, changed.limit(Quota.MAX_USERS));
        assertEquals(Set.of(Quota.MONTHLY_CREDIT_LIMIT, Quota.MAX_USERS), changed.overridden());
        assertEquals(List.of(50, 90, 100), changed.alertThresholds());
        Map<Quota, Long> reset = new HashMap<>();
        reset.put(Quota.MONTHLY_CREDIT_LIMIT, null);
        Quotas back = billing.quotas.update(BillingFixture.ORG, new QuotaChanges(reset, null));
        assertEquals(10_000, back.limit(Quota.MONTHLY_CREDIT_LIMIT));
        assertEquals(List.of(50, 90, 100), back.alertThresholds());
        assertThrows(ControlPlaneException.class, () -> billing.quotas.update(BillingFixture.ORG,
                new QuotaChanges(Map.of(Quota.MAX_USERS, -5L), null)));
        assertThrows(ControlPlaneException.class, () -> billing.quotas.update(BillingFixture.ORG,
                new QuotaChanges(Map.of(), List.of(0))));
    }

    @Test
    void resourceQuotasRefuseTheOneTooMany() throws Exception {
        billing.quotas.update(BillingFixture.ORG, new QuotaChanges(Map.of(Quota.MAX_ENVIRONMENTS, 2L,
                Quota.MAX_API_KEYS_PER_ENVIRONMENT, 3L, Quota.MAX_USERS, 1L), null));
        ResourceQuotas check = new ResourceQuotas(billing.quotas);
        try (Connection connection = billing.dataSource.getConnection()) {
            ControlPlaneException environments = assertThrows(ControlPlaneException.class,
                    () -> check.requireRoom(connection, BillingFixture.ORG, Quota.MAX_ENVIRONMENTS, null));
            assertEquals(ControlPlaneException.Reason.QUOTA_EXCEEDED, environments.reason());
            assertEquals("max_environments", environments.details().get("quota"));
            // env_prod has two live keys: a third fits, a fourth does not
            check.requireRoom(connection, BillingFixture.ORG, Quota.MAX_API_KEYS_PER_ENVIRONMENT, BillingFixture.PROD);
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO api_keys (id, org_id, environment_id, key_prefix) VALUES"
                        + " ('key_3', 'org_acme', 'env_prod', 'hd_live_zzzz')");
            }
            assertThrows(ControlPlaneException.class, () -> check.requireRoom(connection, BillingFixture.ORG,
                    Quota.MAX_API_KEYS_PER_ENVIRONMENT, BillingFixture.PROD));
            check.requireRoom(connection, BillingFixture.ORG, Quota.MAX_USERS, null);
        }
    }
}

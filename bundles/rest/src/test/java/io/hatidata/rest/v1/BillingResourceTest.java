package io.hatidata.rest.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.hatidata.api.billing.BillingService;
import io.hatidata.api.billing.EnvironmentUsage;
import io.hatidata.api.billing.Granularity;
import io.hatidata.api.billing.Quota;
import io.hatidata.api.billing.QuotaChanges;
import io.hatidata.api.billing.Quotas;
import io.hatidata.api.billing.QueryCounts;
import io.hatidata.api.billing.SubjectUsage;
import io.hatidata.api.billing.UsageBucket;
import io.hatidata.api.billing.UsageReport;
import io.hatidata.api.billing.UsageTotals;
import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.Tier;
import io.hatidata.api.pipeline.Pipeline;
import io.hatidata.api.query.QueryException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The billing endpoints' JSON, parameters and errors over a recording BillingService. */
class BillingResourceTest {
    private static final String KEY = FakeControlPlane.OWNER_KEY;
    private final ApiHarness api = new ApiHarness(false);
    private final AtomicReference<Object[]> lastCall = new AtomicReference<>();

    private final BillingService billing = new BillingService() {
        @Override
        public UsageReport usage(Caller caller, String organizationId, LocalDate start, LocalDate end, Granularity groupBy) {
            lastCall.set(new Object[] {organizationId, start, end, groupBy});
            return new UsageReport(organizationId, Quotas.defaults(organizationId, Tier.CLOUD), LocalDate.of(2026, 11, 1),
                    LocalDate.of(2026, 11, 30), 2500.5, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 2), Granularity.DAY,
                    new UsageTotals(2.5, 2, 7), new QueryCounts(2, 1, 1, 0, 0, 0),
                    List.of(new EnvironmentUsage("env_dev_a", "development", new UsageTotals(2.5, 2, 7))),
                    List.of(new UsageBucket(Instant.parse("2026-11-02T00:00:00Z"), new UsageTotals(2.5, 2, 7))),
                    new UsageTotals(1, 1, 1), 0.25);
        }

        @Override
        public Quotas quotas(Caller caller, String organizationId) {
            return Quotas.defaults(organizationId, Tier.ENTERPRISE);
        }

        @Override
        public Quotas updateQuotas(Caller caller, String organizationId, QuotaChanges changes) {
            lastCall.set(new Object[] {changes});
            return Quotas.defaults(organizationId, Tier.CLOUD);
        }

        @Override
        public SubjectUsage keyUsage(Caller caller, String organizationId, String keyId, LocalDate start, LocalDate end) {
            return new SubjectUsage(organizationId, "key", keyId, false, LocalDate.of(2026, 11, 1),
                    LocalDate.of(2026, 11, 1), new UsageTotals(3, 3, 3), new QueryCounts(3, 3, 0, 0, 0, 0), List.of());
        }

        @Override
        public SubjectUsage agentUsage(Caller caller, String organizationId, String agentId, LocalDate start,
                LocalDate end) {
            return new SubjectUsage(organizationId, "agent", agentId, true, LocalDate.of(2026, 11, 1),
                    LocalDate.of(2026, 11, 1), new UsageTotals(3, 3, 3), new QueryCounts(3, 3, 0, 0, 0, 0), List.of());
        }
    };

    @Test
    void answers503WhileNoBillingRuns() throws Exception {
        ApiHarness.Answer answer = api.call("GET", "organizations/org_a/billing/usage", null, "X-API-Key", KEY);
        assertEquals(503, answer.status(), answer.text());
        assertEquals("INTERNAL_ERROR", answer.error().get("code"));
    }

    @Test
    void usageHasTheSpecsShape() throws Exception {
        api.billing.set(billing);
        ApiHarness.Answer answer = api.call("GET",
                "organizations/org_a/billing/usage?start_date=2026-11-01&end_date=2026-11-02&group_by=week", null,
                "X-API-Key", KEY);
        assertEquals(200, answer.status(), answer.text());
        assertEquals(List.of("org_a", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 2), Granularity.WEEK),
                List.of(lastCall.get()));
        Map<String, Object> json = answer.json();
        assertEquals("cloud", json.get("tier"));
        assertEquals(Map.of("limit", 10000, "used", 2500.5, "remaining", 7499.5, "usage_percent", 25.01),
                json.get("credits"));
        Map<?, ?> breakdown = (Map<?, ?>) json.get("breakdown");
        assertEquals(Map.of("total", 2, "select", 1, "insert", 1, "update", 0, "delete", 0, "other", 0),
                breakdown.get("queries"));
        assertEquals(List.of(Map.of("env_id", "env_dev_a", "name", "development", "credits_used", 2.5, "query_count", 2)),
                breakdown.get("by_environment"));
        assertEquals(List.of(Map.of("date", "2026-11-02", "credits_used", 2.5, "query_count", 2)), breakdown.get("by_day"));
        assertEquals(Map.of("total_gb", 0.25, "limit_gb", 500), json.get("storage"));
    }

    @Test
    void badParametersAreValidationErrors() throws Exception {
        api.billing.set(billing);
        ApiHarness.Answer month = api.call("GET", "organizations/org_a/billing/usage?group_by=month", null, "X-API-Key", KEY);
        assertEquals(400, month.status());
        assertEquals("group_by", ((Map<?, ?>) month.error().get("details")).get("field"));
        assertEquals(400, api.call("GET", "organizations/org_a/billing/usage?start_date=yesterday", null,
                "X-API-Key", KEY).status());
        assertEquals(400, api.call("PUT", "organizations/org_a/billing/quotas", "{\"quotas\":{\"max_widgets\":1}}",
                "X-API-Key", KEY).status());
        assertEquals(400, api.call("PUT", "organizations/org_a/billing/quotas", "{\"quotas\":{\"max_users\":\"ten\"}}",
                "X-API-Key", KEY).status());
    }

    @Test
    void quotasShowUnlimitedAsNullAndPutPassesResetsAndThresholds() throws Exception {
        api.billing.set(billing);
        ApiHarness.Answer quotas = api.call("GET", "organizations/org_a/billing/quotas", null, "X-API-Key", KEY);
        assertEquals(200, quotas.status(), quotas.text());
        assertNull(((Map<?, ?>) quotas.json().get("quotas")).get("monthly_credit_limit"));
        assertEquals(List.of(80, 100), ((Map<?, ?>) quotas.json().get("alerts")).get("thresholds"));
        ApiHarness.Answer put = api.call("PUT", "organizations/org_a/billing/quotas",
                "{\"quotas\":{\"monthly_credit_limit\":20,\"max_users\":null},\"alerts\":{\"thresholds\":[50,100]}}",
                "X-API-Key", KEY);
        assertEquals(200, put.status(), put.text());
        QuotaChanges changes = (QuotaChanges) lastCall.get()[0];
        assertEquals(20L, changes.limits().get(Quota.MONTHLY_CREDIT_LIMIT));
        assertEquals(true, changes.limits().containsKey(Quota.MAX_USERS));
        assertNull(changes.limits().get(Quota.MAX_USERS));
        assertEquals(List.of(50, 100), changes.alertThresholds());
        api.call("PUT", "organizations/org_a/billing/quotas", "{\"alerts\":{\"thresholds\":[]}}", "X-API-Key", KEY);
        assertEquals(List.of(), ((QuotaChanges) lastCall.get()[0]).alertThresholds());
        api.call("PUT", "organizations/org_a/billing/quotas", "{\"quotas\":{}}", "X-API-Key", KEY);
        assertNull(((QuotaChanges) lastCall.get()[0]).alertThresholds());
    }

    @Test
    void keyUsageIsAlsoAtTheSdksAgentKeyPath() throws Exception {
        api.billing.set(billing);
        ApiHarness.Answer sdk = api.call("GET", "organizations/org_a/agent-keys/key_9/usage", null, "X-API-Key", KEY);
        assertEquals(200, sdk.status(), sdk.text());
        assertEquals("key_9", sdk.json().get("key_id"));
        assertEquals(3, sdk.json().get("total_queries"));
        assertEquals(3.0, sdk.json().get("total_credits"));
        assertEquals(sdk.json(), api.call("GET", "organizations/org_a/billing/usage/keys/key_9", null, "X-API-Key", KEY).json());
        assertEquals("key_9", api.call("GET", "organizations/org_a/billing/usage/agents/key_9", null, "X-API-Key", KEY)
                .json().get("agent_id"));
    }

    @Test
    void aQuotaRefusalOfAQueryIs429QuotaExceeded() throws Exception {
        api.pipeline.set(new Pipeline() {
            @Override
            public void execute(io.hatidata.api.pipeline.QueryContext context) throws QueryException {
                throw new QueryException("53400", "quota monthly_credit_limit exceeded");
            }

            @Override
            public List<io.hatidata.api.pipeline.StageInfo> stages() {
                return List.of();
            }
        });
        ApiHarness.Answer answer = api.call("POST", "query", "{\"sql\":\"SELECT 1\"}", "X-API-Key", KEY);
        assertEquals(429, answer.status(), answer.text());
        assertEquals("QUOTA_EXCEEDED", answer.error().get("code"));
        assertEquals("53400", answer.json().get("sqlState"));
    }
}

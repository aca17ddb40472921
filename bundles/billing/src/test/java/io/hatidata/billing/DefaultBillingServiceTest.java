package io.hatidata.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hatidata.api.billing.Granularity;
import io.hatidata.api.billing.SubjectUsage;
import io.hatidata.api.billing.UsageReport;
import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.Scopes;
import io.hatidata.api.controlplane.Tier;
import io.hatidata.api.governance.QueryOutcome;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.sql.StatementKind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultBillingServiceTest {
    @TempDir
    Path dir;

    private BillingFixture billing;
    private DefaultBillingService service;

    private static Caller caller(String org, String role) {
        return new Caller(new Identity(org, "usr_1", "u", role, BillingFixture.PROD, "production", ""),
                Caller.Method.ACCESS_TOKEN, Set.copyOf(Scopes.ALL), Tier.CLOUD, "u@example.com");
    }

    @BeforeEach
    void start() throws Exception {
        billing = new BillingFixture(dir);
        service = new DefaultBillingService(billing.store, billing.quotas, billing.meter,
                new StorageFootprint(dir.resolve("environments")), Clock.systemUTC());
        var live = BillingFixture.identity(BillingFixture.PROD, BillingFixture.LIVE_KEY);
        var agent = BillingFixture.identity(BillingFixture.PROD, BillingFixture.AGENT_KEY);
        var test = BillingFixture.identity(BillingFixture.STAGING, BillingFixture.TEST_KEY);
        var narrow = BillingFixture.query("SELECT a FROM t WHERE a = 1", false, "t");
        var join = BillingFixture.query("SELECT a FROM t JOIN u ON … WHERE …", false, "t", "u");
        billing.meter.record(BillingFixture.statement(live, "agent-a", narrow), new QueryOutcome(1, 1, "SELECT 1", "", ""));
        billing.meter.record(BillingFixture.statement(live, "agent-a", join), new QueryOutcome(1, 1, "SELECT 1", "", ""));
        billing.meter.record(BillingFixture.statement(agent, null, BillingFixture.of(StatementKind.INSERT, "INSERT …", "t")),
                new QueryOutcome(0, 1, "INSERT 0 2", "", ""));
        billing.meter.record(BillingFixture.statement(test, "agent-a", narrow), new QueryOutcome(1, 1, "SELECT 1", "", ""));
    }

    @Test
    void theReportSumsBillableUseByKindEnvironmentAndDay() {
        UsageReport report = service.usage(caller(BillingFixture.ORG, "owner"), BillingFixture.ORG, null, null, null);
        assertEquals(3.5, report.total().credits());
        assertEquals(3.5, report.periodUsed());
        assertEquals(3, report.queries().total());
        assertEquals(2, report.queries().select());
        assertEquals(1, report.queries().insert());
        assertEquals(1, report.byEnvironment().size());
        assertEquals("production", report.byEnvironment().get(0).name());
        assertEquals(3.5, report.byEnvironment().get(0).usage().credits());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertEquals(today.getDayOfMonth(), report.buckets().size());
        assertEquals(3.5, report.buckets().get(report.buckets().size() - 1).usage().credits());
        assertEquals(1.0, report.testKeys().credits());
        assertEquals(Granularity.DAY, report.groupBy());
        UsageReport hourly = service.usage(caller(BillingFixture.ORG, "owner"), BillingFixture.ORG, today, today,
                Granularity.HOUR);
        assertEquals(24, hourly.buckets().size());
        Instant hour = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        assertEquals(3.5, hourly.buckets().stream().filter(each -> each.start().equals(hour)).findFirst().orElseThrow()
                .usage().credits());
    }

    @Test
    void keyAndAgentUsage() {
        SubjectUsage key = service.keyUsage(caller(BillingFixture.ORG, "admin"), BillingFixture.ORG,
                BillingFixture.LIVE_KEY, null, null);
        assertEquals(2, key.total().queries());
        assertEquals(2.5, key.total().credits());
        SubjectUsage testKey = service.keyUsage(caller(BillingFixture.ORG, "owner"), BillingFixture.ORG,
                BillingFixture.TEST_KEY, null, null);
        assertEquals(false, testKey.billable());
        assertEquals(1.0, testKey.total().credits());
        SubjectUsage agent = service.agentUsage(caller(BillingFixture.ORG, "owner"), BillingFixture.ORG, "agent-a", null, null);
        assertEquals(3, agent.total().queries());
        SubjectUsage named = service.agentUsage(caller(BillingFixture.ORG, "owner"), BillingFixture.ORG,
                "analytics-agent", null, null);
        assertEquals(1, named.queries().insert());
    }

    @Test
    void onlyTheOwnerReadsBillingAndOtherOrganizationsAreNotFound() {
        assertThrows(ControlPlaneException.class, () -> service.usage(caller(BillingFixture.ORG, "admin"),
                BillingFixture.ORG, null, null, null));
        ControlPlaneException other = assertThrows(ControlPlaneException.class, () -> service.quotas(
                caller("org_other", "owner"), BillingFixture.ORG));
        assertEquals(ControlPlaneException.Reason.NOT_FOUND, other.reason());
        assertEquals(ControlPlaneException.Reason.NOT_FOUND, assertThrows(ControlPlaneException.class,
                () -> service.keyUsage(caller(BillingFixture.ORG, "owner"), BillingFixture.ORG, "key_nope", null, null))
                .reason());
        assertEquals(ControlPlaneException.Reason.VALIDATION, assertThrows(ControlPlaneException.class,
                () -> service.usage(caller(BillingFixture.ORG, "owner"), BillingFixture.ORG,
                        LocalDate.of(2026, 3, 1), LocalDate.of(2026, 2, 1), null)).reason());
    }
}

package io.hatidata.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hatidata.api.billing.Quota;
import io.hatidata.api.billing.QuotaChanges;
import io.hatidata.api.controlplane.DomainEvent;
import io.hatidata.api.governance.CostEstimate;
import io.hatidata.api.governance.QueryOutcome;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.sql.StatementKind;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreditMeterTest {
    @TempDir
    Path dir;

    private BillingFixture billing;

    @BeforeEach
    void start() throws Exception {
        billing = new BillingFixture(dir);
    }

    private static QueryOutcome selected(long rows) {
        return new QueryOutcome(rows, 1, "SELECT " + rows, "", "");
    }

    private long stored(String where) throws Exception {
        try (Connection connection = billing.dataSource.getConnection()) {
            return Jdbc.queryLong(connection, "SELECT COALESCE(SUM(credits_milli), 0) FROM billing_usage_hourly " + where);
        }
    }

    @Test
    void concurrentStatementsAreMeteredExactlyWhileTheFlusherRuns() throws Exception {
        int threads = 8;
        int perThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        AtomicBoolean running = new AtomicBoolean(true);
        Future<?> flusher = pool.submit(() -> {
            while (running.get()) {
                billing.meter.flush();
            }
            return null;
        });
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String agent = "agent-" + (t % 2);
            workers.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    // one table, narrowed: 1.0 credit; every 10th returns 10,001 rows: 2.0 credits
                    QueryContext statement = BillingFixture.statement(BillingFixture.identity(BillingFixture.PROD,
                            BillingFixture.LIVE_KEY), agent, BillingFixture.query("SELECT a FROM t WHERE a = 1", false, "t"));
                    billing.meter.record(statement, selected(i % 10 == 0 ? 10_001 : 1));
                }
                return null;
            }));
        }
        for (Future<?> each : workers) {
            each.get(120, TimeUnit.SECONDS);
        }
        running.set(false);
        flusher.get(120, TimeUnit.SECONDS);
        pool.shutdown();
        billing.meter.flush();
        long statements = (long) threads * perThread;
        long expected = statements * 1_000 + statements / 10 * 1_000;
        assertEquals(expected, stored(""));
        assertEquals(expected, billing.meter.periodMilli(BillingFixture.ORG));
        try (Connection connection = billing.dataSource.getConnection()) {
            assertEquals(statements, Jdbc.queryLong(connection, "SELECT SUM(query_count) FROM billing_usage_hourly"));
            assertEquals(expected / 2, Jdbc.queryLong(connection,
                    "SELECT SUM(credits_milli) FROM billing_usage_hourly WHERE agent_id = 'agent-0'"));
        }
    }

    @Test
    void usageSurvivesARestartAndPendingUsageIsWrittenOnDeactivation() throws Exception {
        QueryContext statement = BillingFixture.statement(BillingFixture.identity(BillingFixture.PROD,
                BillingFixture.LIVE_KEY), null, BillingFixture.query("SELECT a FROM t", false, "t"));
        statement.attributes().put(CostEstimate.ATTRIBUTE, new CostEstimate(3, -1, true));
        billing.meter.record(statement, selected(5));
        billing.meter.record(statement, selected(5));
        billing.meter.deactivate();
        billing.start(java.time.Clock.systemUTC());
        assertEquals(6_000, billing.meter.periodMilli(BillingFixture.ORG));
        assertEquals(6_000, stored("WHERE org_id = 'org_acme' AND statement_kind = 'select'"));
    }

    @Test
    void testKeysAreRecordedButNeverCountAgainstTheLimit() throws Exception {
        QueryContext statement = BillingFixture.statement(BillingFixture.identity(BillingFixture.STAGING,
                BillingFixture.TEST_KEY), null, BillingFixture.query("SELECT a FROM t WHERE a = 1", false, "t"));
        billing.meter.record(statement, selected(1));
        billing.meter.flush();
        assertEquals(0, billing.meter.periodMilli(BillingFixture.ORG));
        assertEquals(1_000, stored("WHERE billable = 0 AND key_id = 'key_test'"));
        assertEquals(0, stored("WHERE billable = 1"));
    }

    @Test
    void anAgentsCreditsOfTheDayCountStoredAndPendingUsageButNotTestKeys() throws Exception {
        var analysis = BillingFixture.query("SELECT a FROM t WHERE a = 1", false, "t");
        var live = BillingFixture.identity(BillingFixture.PROD, BillingFixture.LIVE_KEY);
        billing.meter.record(BillingFixture.statement(live, "bot", analysis), selected(1));
        billing.meter.flush();
        billing.meter.record(BillingFixture.statement(live, "bot", analysis), selected(1));
        assertEquals(2.0, billing.meter.usedToday(BillingFixture.ORG, "bot"), "one stored, one pending");
        billing.meter.record(BillingFixture.statement(live, "bot", analysis), selected(1));
        assertEquals(3.0, billing.meter.usedToday(BillingFixture.ORG, "bot"), "counted as it is metered");
        billing.meter.record(BillingFixture.statement(BillingFixture.identity(BillingFixture.STAGING,
                BillingFixture.TEST_KEY), "bot", analysis), selected(1));
        assertEquals(3.0, billing.meter.usedToday(BillingFixture.ORG, "bot"), "test keys are not billable");
        assertEquals(0.0, billing.meter.usedToday(BillingFixture.ORG, "other"));
        assertEquals(0.0, billing.meter.usedToday("org_other", "bot"));
        billing.meter.deactivate();
        billing.start(java.time.Clock.systemUTC());
        assertEquals(3.0, billing.meter.usedToday(BillingFixture.ORG, "bot"), "after a restart, from the store");
    }

    @Test
    void agentKeysAttributeToTheirAgentUnlessTheSessionNamesOne() throws Exception {
        var analysis = BillingFixture.query("SELECT a FROM t WHERE a = 1", false, "t");
        var identity = BillingFixture.identity(BillingFixture.PROD, BillingFixture.AGENT_KEY);
        billing.meter.record(BillingFixture.statement(identity, null, analysis), selected(1));
        billing.meter.record(BillingFixture.statement(identity, "claimed-name", analysis), selected(1));
        billing.meter.flush();
        assertEquals(1_000, stored("WHERE agent_id = 'analytics-agent'"));
        assertEquals(1_000, stored("WHERE agent_id = 'claimed-name'"));
    }

    @Test
    void freeAndFailedStatementsAreNotMetered() throws Exception {
        var identity = BillingFixture.identity(BillingFixture.PROD, BillingFixture.LIVE_KEY);
        billing.meter.record(BillingFixture.statement(identity, null, BillingFixture.of(StatementKind.UTILITY, "SET a = 1")),
                new QueryOutcome(0, 1, "SET", "", ""));
        billing.meter.record(BillingFixture.statement(identity, null, BillingFixture.query("SELECT x FROM t", false, "t")),
                new QueryOutcome(0, 1, "", "42703", "no column x"));
        billing.meter.flush();
        assertEquals(0, stored(""));
    }

    @Test
    void warningsAtEightyAndOneHundredPercentAreSentOncePerPeriod() throws Exception {
        billing.quotas.update(BillingFixture.ORG, new QuotaChanges(Map.of(Quota.MONTHLY_CREDIT_LIMIT, 10L), null));
        var identity = BillingFixture.identity(BillingFixture.PROD, BillingFixture.LIVE_KEY);
        var analysis = BillingFixture.query("SELECT a FROM t WHERE a = 1", false, "t");
        for (int i = 0; i < 12; i++) {
            billing.meter.record(BillingFixture.statement(identity, null, analysis), selected(1));
            billing.meter.flush();
        }
        billing.meter.deactivate();
        billing.start(java.time.Clock.systemUTC());
        billing.meter.record(BillingFixture.statement(identity, null, analysis), selected(1));
        billing.meter.flush();
        List<String> warnings = billing.events.stream().filter(each -> each.type().equals("billing.warning"))
                .map(each -> each.data().get("threshold_percent")).toList();
        assertEquals(List.of("80", "100"), warnings);
        DomainEvent last = billing.events.get(billing.events.size() - 1);
        assertEquals(BillingFixture.ORG, last.organizationId());
        assertEquals("10", last.data().get("monthly_credit_limit"));
        assertEquals(YearMonth.now(ZoneOffset.UTC).toString(), last.data().get("billing_period"));
    }
}

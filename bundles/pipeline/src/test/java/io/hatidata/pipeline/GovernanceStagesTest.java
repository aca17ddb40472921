package io.hatidata.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.governance.AuditRecorder;
import io.hatidata.api.governance.CostEstimate;
import io.hatidata.api.governance.Meter;
import io.hatidata.api.governance.PolicyDecision;
import io.hatidata.api.governance.QueryOutcome;
import io.hatidata.api.pipeline.QueryChain;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.query.QueryException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The provider-calling stages: each passes through without providers and calls every provider it has. */
class GovernanceStagesTest {
    private final AtomicReference<QueryContext> reached = new AtomicReference<>();
    private final QueryChain last = context -> {
        reached.set(context);
        context.sink().row(new Object[] {1});
        context.sink().row(new Object[] {2});
        context.sink().complete("SELECT 2");
    };
    private final QueryChain failing = context -> {
        throw new QueryException("42P01", "table t does not exist");
    };

    @Test
    void withoutProvidersEveryStagePassesTheStatementUnchanged() throws Exception {
        QueryContext context = TestQueries.query("SELECT 1");
        for (var stage : List.of(new PolicyStage(), new CostEstimateStage(), new QuotaStage(), new MeteringStage(),
                new RowFilterStage(), new ColumnMaskingStage(), new AuditStage())) {
            reached.set(null);
            stage.process(context, last);
            assertSame(context.sink(), reached.get().sink(), stage.getClass().getSimpleName());
            assertEquals("SELECT 1", reached.get().sql());
        }
    }

    @Test
    void anyDenyRefusesWith42501NamingThePolicy() {
        PolicyStage stage = new PolicyStage(List.of(
                context -> PolicyDecision.allow(),
                context -> PolicyDecision.deny("no-pii", "agents may not read customers"),
                context -> { throw new AssertionError("deny-overrides stops at the first deny"); }));
        QueryException denied = assertThrows(QueryException.class, () -> stage.process(TestQueries.query("x"), last));
        assertEquals("42501", denied.sqlState());
        assertEquals("permission denied by policy no-pii: agents may not read customers", denied.getMessage());
        assertEquals(null, reached.get());
    }

    @Test
    void costEstimatesAreCombinedAndLeftInTheAttributes() throws Exception {
        CostEstimateStage stage = new CostEstimateStage(List.of(
                (context, baseline) -> new CostEstimate(1.5, 10, false),
                (context, baseline) -> new CostEstimate(0.5, 100, baseline.fullScan())));
        QueryContext context = TestQueries.analysedQuery("SELECT * FROM t");
        stage.process(context, last);
        assertEquals(new CostEstimate(1.5, 100, true), context.attributes().get(CostEstimate.ATTRIBUTE));

        QueryContext alone = TestQueries.analysedQuery("SELECT * FROM t WHERE a = 1");
        new CostEstimateStage().process(alone, last);
        assertEquals(CostEstimate.unknown(false), alone.attributes().get(CostEstimate.ATTRIBUTE));
    }

    @Test
    void aQuotaGuardRefusesWithItsSqlStateAndSeesTheEstimate() {
        List<CostEstimate> seen = new ArrayList<>();
        QuotaStage stage = new QuotaStage(List.of((context, estimate) -> {
            seen.add(estimate);
            throw new QueryException("53400", "monthly credit limit reached");
        }));
        QueryContext context = TestQueries.query("SELECT 1");
        context.attributes().put(CostEstimate.ATTRIBUTE, new CostEstimate(2, 5, false));
        assertEquals("53400", assertThrows(QueryException.class, () -> stage.process(context, last)).sqlState());
        assertEquals(List.of(new CostEstimate(2, 5, false)), seen);
    }

    @Test
    void quotaIsNotCheckedForDescribeOnly() throws Exception {
        QuotaStage stage = new QuotaStage(List.of((context, estimate) -> {
            throw new QueryException("53400", "no");
        }));
        stage.process(TestQueries.query("SELECT 1").describing(), last);
        assertTrue(reached.get().describeOnly());
    }

    @Test
    void rowFiltersAndMasksAreAppliedInTurn() throws Exception {
        RowFilterStage filters = new RowFilterStage(List.of(
                context -> context.sql() + " /*f1*/", context -> context.sql(), context -> context.sql() + " /*f2*/"));
        filters.process(TestQueries.query("SELECT a FROM t"), last);
        assertEquals("SELECT a FROM t /*f1*/ /*f2*/", reached.get().sql());

        ColumnMaskingStage masks = new ColumnMaskingStage(List.of(context -> context.sql().replace("a", "'***' AS a")));
        masks.process(TestQueries.query("SELECT a FROM t").describing(), last);
        assertEquals("SELECT '***' AS a FROM t", reached.get().sql());
        assertTrue(reached.get().describeOnly());
    }

    @Test
    void metersGetTheRealRowCountOnSuccessAndTheErrorOnFailure() throws Exception {
        List<QueryOutcome> outcomes = new ArrayList<>();
        Meter broken = (context, outcome) -> {
            throw new IllegalStateException("meter store down");
        };
        MeteringStage stage = new MeteringStage(List.of(broken, (context, outcome) -> outcomes.add(outcome)));
        QueryContext context = TestQueries.query("SELECT 2");
        stage.process(context, last);
        assertEquals(2, ((TestQueries.RecordingSink) context.sink()).rows.size());
        assertThrows(QueryException.class, () -> stage.process(TestQueries.query("x"), failing));
        stage.process(TestQueries.query("describe").describing(), last);

        assertEquals(2, outcomes.size());
        assertEquals(2, outcomes.get(0).rows());
        assertEquals("SELECT 2", outcomes.get(0).commandTag());
        assertTrue(outcomes.get(0).succeeded());
        assertFalse(outcomes.get(1).succeeded());
        assertEquals("42P01", outcomes.get(1).sqlState());
    }

    @Test
    void auditRecordsIntentBeforeAndTheOutcomeAfter() throws Exception {
        List<String> trail = new ArrayList<>();
        AuditRecorder recorder = new AuditRecorder() {
            @Override
            public void intent(QueryContext context) {
                trail.add("intent " + context.sql());
            }

            @Override
            public void completed(QueryContext context, QueryOutcome outcome) {
                trail.add("completed " + outcome.rows() + " " + outcome.sqlState());
            }
        };
        AuditStage stage = new AuditStage(List.of(recorder));
        stage.process(TestQueries.query("SELECT 2"), context -> {
            trail.add("ran");
            last.proceed(context);
        });
        assertThrows(QueryException.class, () -> stage.process(TestQueries.query("SELECT x"), failing));
        stage.process(TestQueries.query("describe").describing(), last);
        assertEquals(List.of("intent SELECT 2", "ran", "completed 2 ", "intent SELECT x", "completed 0 42P01"), trail);
    }

    @Test
    void aStatementWhoseIntentCannotBeRecordedDoesNotRun() {
        AuditStage stage = new AuditStage(List.of(new AuditRecorder() {
            @Override
            public void intent(QueryContext context) throws QueryException {
                throw new QueryException("58030", "audit store unavailable");
            }

            @Override
            public void completed(QueryContext context, QueryOutcome outcome) {}
        }));
        assertEquals("58030", assertThrows(QueryException.class,
                () -> stage.process(TestQueries.query("SELECT 1"), last)).sqlState());
        assertEquals(null, reached.get());
    }
}

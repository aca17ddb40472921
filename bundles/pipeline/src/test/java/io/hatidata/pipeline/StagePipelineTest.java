package io.hatidata.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.QueryStage;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.pipeline.StageInfo;
import io.hatidata.api.query.Column;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StagePipelineTest {
    private static final Session SESSION = new Session(
            "sess_1", new Identity("org_1", "usr_1", "admin", "owner", "env_1", "development", "key_1"), Map.of());

    private final StagePipeline pipeline = new StagePipeline();
    private final List<String> trace = new ArrayList<>();

    /** A stage that records its name and proceeds. */
    private QueryStage tracing(String name) {
        return (context, chain) -> {
            trace.add(name + ":" + context.sql());
            chain.proceed(context);
        };
    }

    /** The terminal stage: records the SQL it was asked to run and completes. */
    private QueryStage executing() {
        return (context, chain) -> {
            trace.add("execute:" + context.sql());
            context.sink().complete("SELECT 0");
        };
    }

    private static RegisteredStage stage(long serviceId, Object order, String name, QueryStage stage) {
        return StagePipeline.describe(serviceId,
                Map.of(QueryStage.ORDER, order, QueryStage.NAME, name), "test.bundle", stage);
    }

    private QueryContext query(String sql) {
        return QueryContext.of(SESSION, "qry_1", sql, new NullSink());
    }

    @Test
    void runsStagesInOrderThenByRegistration() throws Exception {
        pipeline.add(stage(3, 1000, "execute", executing()));
        pipeline.add(stage(5, 200, "b", tracing("b")));
        pipeline.add(stage(4, 200, "a", tracing("a")));
        pipeline.add(stage(6, "100", "first", tracing("first")));

        pipeline.execute(query("SELECT 1"));

        assertEquals(List.of("first:SELECT 1", "a:SELECT 1", "b:SELECT 1", "execute:SELECT 1"), trace);
        assertEquals(List.of("first", "a", "b", "execute"), pipeline.stages().stream().map(StageInfo::name).toList());
    }

    @Test
    void laterStagesSeeRewritesAndEarlierOnesActOnTheWayBack() throws Exception {
        pipeline.add(stage(1, 1000, "execute", executing()));
        pipeline.add(stage(2, 500, "rewrite", (context, chain) -> {
            chain.proceed(context.withSql(context.sql() + " LIMIT 1"));
            trace.add("after");
        }));

        pipeline.execute(query("SELECT 1"));

        assertEquals(List.of("execute:SELECT 1 LIMIT 1", "after"), trace);
    }

    @Test
    void aStageCanRefuseWithItsSqlState() {
        pipeline.add(stage(1, 1000, "execute", executing()));
        pipeline.add(stage(2, 400, "deny", (context, chain) -> {
            throw new QueryException("42501", "denied by policy");
        }));

        QueryException denied = assertThrows(QueryException.class, () -> pipeline.execute(query("DROP TABLE t")));
        assertEquals("42501", denied.sqlState());
        assertEquals(List.of(), trace);
    }

    @Test
    void aStageMayRetryOnceAfterTheRestOfTheChainFailed() throws Exception {
        pipeline.add(stage(1, 1000, "execute", (context, chain) -> {
            trace.add("execute:" + context.sql());
            if (context.sql().equals("bad")) {
                throw new QueryException("42883", "no such function");
            }
            context.sink().complete("SELECT 0");
        }));
        pipeline.add(stage(2, 850, "retrying", (context, chain) -> {
            try {
                chain.proceed(context);
            } catch (QueryException ex) {
                chain.proceed(context.withSql("good"));
                assertThrows(IllegalStateException.class, () -> chain.proceed(context));
            }
        }));

        pipeline.execute(query("bad"));

        assertEquals(List.of("execute:bad", "execute:good"), trace);
    }

    @Test
    void aStageMayNotProceedTwiceAfterSuccess() {
        pipeline.add(stage(1, 1000, "execute", executing()));
        pipeline.add(stage(2, 500, "twice", (context, chain) -> {
            chain.proceed(context);
            chain.proceed(context);
        }));
        assertEquals("XX000", assertThrows(QueryException.class, () -> pipeline.execute(query("x"))).sqlState());
    }

    @Test
    void withoutAnExecuteStageTheStatementFailsClearly() {
        QueryException error = assertThrows(QueryException.class, () -> pipeline.execute(query("SELECT 1")));
        assertEquals("58000", error.sqlState());
    }

    @Test
    void aStageThatThrowsABugBecomesAnInternalError() {
        pipeline.add(stage(1, 100, "buggy", (context, chain) -> {
            throw new IllegalStateException("bug");
        }));
        assertEquals("XX000", assertThrows(QueryException.class, () -> pipeline.execute(query("x"))).sqlState());
    }

    @Test
    void ignoresStagesWithoutAUsableOrder() {
        assertNull(stage(1, "", "no order", executing()));
        assertNull(stage(1, "soon", "bad order", executing()));
    }

    @Test
    void removingAStageAffectsTheNextStatementButNotOneInFlight() throws Exception {
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch removed = new CountDownLatch(1);
        pipeline.add(stage(1, 1000, "execute", executing()));
        pipeline.add(stage(2, 100, "blocking", (context, chain) -> {
            inFlight.countDown();
            awaitQuietly(removed);
            chain.proceed(context);
        }));
        pipeline.add(stage(3, 200, "guard", tracing("guard")));

        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread first = new Thread(() -> {
            try {
                pipeline.execute(query("first"));
            } catch (Exception ex) {
                failure.set(ex);
            }
        });
        first.start();
        inFlight.await(10, TimeUnit.SECONDS);
        pipeline.remove(3);
        pipeline.remove(2);
        removed.countDown();
        first.join(10_000);

        pipeline.execute(query("second"));

        assertNull(failure.get());
        assertEquals(List.of("guard:first", "execute:first", "execute:second"), trace);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class NullSink implements ResultSink {
        @Override
        public void columns(List<Column> columns) {}

        @Override
        public void row(Object[] values) {}

        @Override
        public void complete(String commandTag) {}
    }
}

package io.hatidata.resultcache;

import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryChain;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.query.Column;
import io.hatidata.api.query.ColumnType;
import io.hatidata.api.query.ResultSink;
import io.hatidata.api.resultcache.ResultCacheAttributes;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.api.sql.StatementKind;
import io.hatidata.api.sql.TableReference;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: a simple in-process figure for the stage's own cost (bench/README.md), run by hand with
 * {@code java -cp <api jar>:target/classes:target/test-classes io.hatidata.resultcache.HitLatencyHarness}.
 * Measures a hit of a 10-row result, and the pass-through cost of a read in an environment without
 * {@code cache_enabled}, per statement, single thread.
 */
public final class HitLatencyHarness {
    private static final String SQL = "SELECT id, name FROM customers WHERE region = 'eu-west' ORDER BY id LIMIT 10";

    public static void main(String[] args) throws Exception {
        ResultCacheStage stage = new ResultCacheStage(
                new ResultCacheStage.Limits(true, 10_000, TimeUnit.SECONDS.toNanos(300), 10_000, 4 << 20, 256 << 20, 100_000),
                System::nanoTime, null);
        Session session = new Session("sess_1", new Identity("org_a", "usr_a", "alice", "analyst", "env_a", "dev", "key_a"),
                Map.of());
        QueryChain engine = context -> {
            context.sink().columns(List.of(new Column("id", ColumnType.INT4), new Column("name", ColumnType.VARCHAR)));
            for (int i = 0; i < 10; i++) {
                context.sink().row(new Object[] {i, "customer-" + i});
            }
            context.sink().complete("SELECT 10");
        };
        StatementAnalysis analysis = new StatementAnalysis(SQL, StatementKind.QUERY, List.of(TableReference.of("customers")),
                List.of(), List.of(), SQL, true);
        for (boolean enabled : new boolean[] {true, false}) {
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 5; round++) {
                int n = 200_000;
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    QueryContext context = QueryContext.of(session, "qry_1", SQL, ResultSink.discarding());
                    context.attributes().put(StatementAnalysis.ATTRIBUTE, analysis);
                    context.attributes().put(ResultCacheAttributes.ENVIRONMENT_CACHE_ENABLED, enabled);
                    stage.process(context, enabled ? engine : context2 -> {});
                }
                best = Math.min(best, (System.nanoTime() - start) / n);
            }
            System.out.println((enabled ? "hit (10 rows)" : "pass-through, cache_enabled=false") + ": " + best + " ns per statement");
        }
    }
}

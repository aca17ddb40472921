package io.hatidata.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.query.Column;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.api.sql.StatementKind;
import io.hatidata.api.sql.TableReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link TableExtractionStage} and {@link TranspileStage} in a chain. */
class StagesTest {
    private static final Session SESSION = new Session(
            "sess_1", new Identity("org_1", "usr_1", "admin", "owner", "env_1", "development", "key_1"), Map.of());

    private final CountingAnalyzer analyzer = new CountingAnalyzer();
    private final TableExtractionStage extraction = new TableExtractionStage(analyzer);
    private final TranspileStage transpile = new TranspileStage(analyzer);

    @Test
    void extractionLeavesTheAnalysisAndTranspileRunsTheDuckDbSql() throws QueryException {
        List<String> executed = new ArrayList<>();
        QueryContext context = context("SELECT IFF(a > 1, 'x', 'y') FROM sales.orders o");
        extraction.process(context, afterExtraction -> transpile.process(afterExtraction,
                afterTranspile -> executed.add(afterTranspile.sql())));
        StatementAnalysis analysis = assertInstanceOf(StatementAnalysis.class,
                context.attributes().get(StatementAnalysis.ATTRIBUTE));
        assertEquals(StatementKind.QUERY, analysis.kind());
        assertEquals(List.of(TableReference.of("sales", "orders")), analysis.tablesRead());
        assertEquals(List.of("SELECT CASE WHEN a > 1 THEN 'x' ELSE 'y' END FROM sales.orders AS o"), executed);
        assertEquals(1, analyzer.calls.get(), "parsed once");
    }

    @Test
    void transpileAnalysesAgainWhenAnEarlierStageRewroteTheStatement() throws QueryException {
        List<String> executed = new ArrayList<>();
        QueryContext context = context("SELECT NVL(a, 0) FROM t");
        extraction.process(context, afterExtraction -> transpile.process(
                afterExtraction.withSql("SELECT NVL(a, 0) FROM t WHERE region = 'EU'"),
                afterTranspile -> executed.add(afterTranspile.sql())));
        assertEquals(List.of("SELECT COALESCE(a, 0) FROM t WHERE region = 'EU'"), executed);
        assertEquals(2, analyzer.calls.get());
    }

    @Test
    void passesTheSameContextWhenNothingNeedsTranslation() throws QueryException {
        QueryContext context = context("SHOW TABLES");
        List<QueryContext> seen = new ArrayList<>();
        extraction.process(context, afterExtraction -> transpile.process(afterExtraction, seen::add));
        assertSame(context, seen.get(0));
    }

    @Test
    void refusesUntranslatableStatementsBeforeTheRestOfTheChain() {
        AtomicInteger proceeded = new AtomicInteger();
        QueryException e = assertThrows(QueryException.class, () -> extraction.process(
                context("CREATE STREAM s ON TABLE t"), next -> proceeded.incrementAndGet()));
        assertEquals("0A000", e.sqlState());
        assertEquals(0, proceeded.get());
    }

    private static QueryContext context(String sql) {
        return QueryContext.of(SESSION, "qry_1", sql, new ResultSink() {
            @Override
            public void columns(List<Column> columns) {}

            @Override
            public void row(Object[] values) {}

            @Override
            public void complete(String commandTag) {}
        });
    }

    /** An analyzer without cache that counts parses. */
    private static final class CountingAnalyzer implements io.hatidata.api.sql.SqlAnalyzer {
        private final SnowflakeTranspiler transpiler = new SnowflakeTranspiler();
        private final AtomicInteger calls = new AtomicInteger();

        @Override
        public StatementAnalysis analyze(String sql) throws QueryException {
            calls.incrementAndGet();
            return transpiler.analyze(sql);
        }
    }
}

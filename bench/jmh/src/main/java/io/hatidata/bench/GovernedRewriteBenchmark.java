package io.hatidata.bench;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.sql.GovernedTable;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.api.sql.TableReference;
import io.hatidata.sql.CalciteSqlAnalyzer;
import io.hatidata.sql.governance.CalciteTableRewriter;
import io.hatidata.sql.parse.SnowflakeParser;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The governed rewrite of issue 11: a primary-key lookup over a table with one masked column (the masking
 * provider's partial mask) and one row filter, rewritten the way the pipeline does it: row-level security
 * (order 700) then masking (750), each a {@link CalciteTableRewriter#rewrite} call.
 *
 * <ul>
 *   <li>{@code pkCold}: a rewriter without caches (what every statement paid before issue 11: per stage a
 *       parse, the splice and a verifying parse of the result);
 *   <li>{@code pkCached}: the same text again: the exact cache;
 *   <li>{@code pkLiteralChange}: a new id every time: the literal-insensitive template;
 *   <li>{@code pkLiteralChangeAndTranspile}: the same plus the transpile stage's analysis of the rewritten
 *       text (the translator's literal-insensitive layer);
 *   <li>{@code selectOneParsed}: {@code SELECT 1} parsed once per stage, what the rewriter did before;
 *   <li>{@code selectOneScreened}: {@code SELECT 1} through both rewrites now (the textual screen).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class GovernedRewriteBenchmark {
    private static final String EMAIL = "CAST(\"email\" AS VARCHAR)";
    private static final List<GovernedTable> MASKED = List.of(GovernedTable.masked(TableReference.of("kv"), "mask_kv",
            List.of("id", "name", "email", "balance"), Map.of("email", "CASE WHEN \"email\" IS NULL THEN NULL WHEN length("
                    + EMAIL + ") <= 4 THEN '***' ELSE '***' || substr(" + EMAIL + ", length(" + EMAIL + ") - 3) END")));
    private static final List<GovernedTable> FILTERED = List.of(GovernedTable.filtered(TableReference.of("kv"), "rls_kv",
            "(balance >= ?)", List.of(0L)));
    private static final String LOOKUP = "SELECT id, name, email, balance FROM kv WHERE id = ";

    private CalciteTableRewriter uncached;
    private CalciteTableRewriter cached;
    private CalciteSqlAnalyzer analyzer;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() throws QueryException {
        uncached = new CalciteTableRewriter(0, 0);
        cached = new CalciteTableRewriter(10_000, 16_384);
        analyzer = new CalciteSqlAnalyzer(10_000);
        sequence = 1_000;
        String expected = governed(uncached, LOOKUP + 42);
        if (!expected.equals(governed(cached, LOOKUP + 42)) || !expected.contains("'***'")
                || !expected.contains("balance >= 0")) {
            throw new IllegalStateException("unexpected rewrite: " + expected);
        }
    }

    private static String governed(CalciteTableRewriter rewriter, String sql) throws QueryException {
        return rewriter.rewrite(rewriter.rewrite(sql, FILTERED), MASKED);
    }

    @Benchmark
    public String pkCold() throws QueryException {
        return governed(uncached, LOOKUP + 42);
    }

    @Benchmark
    public String pkCached() throws QueryException {
        return governed(cached, LOOKUP + 42);
    }

    @Benchmark
    public String pkLiteralChange() throws QueryException {
        return governed(cached, LOOKUP + (++sequence));
    }

    @Benchmark
    public StatementAnalysis pkLiteralChangeAndTranspile() throws QueryException {
        return analyzer.analyze(governed(cached, LOOKUP + (++sequence)));
    }

    @Benchmark
    public Object selectOneParsed() throws Exception {
        SnowflakeParser.parse("SELECT 1");
        return SnowflakeParser.parse("SELECT 1");
    }

    @Benchmark
    public String selectOneScreened() throws QueryException {
        return cached.rewrite(cached.rewrite("SELECT 1", FILTERED), MASKED);
    }
}

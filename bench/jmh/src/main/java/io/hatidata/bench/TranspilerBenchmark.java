package io.hatidata.bench;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.sql.CalciteSqlAnalyzer;
import io.hatidata.sql.SnowflakeTranspiler;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse + analyze + transpile of one Snowflake statement in a warmed-up JVM, the way the pipeline's
 * table-extraction stage calls it ({@code SqlAnalyzer.analyze}).
 *
 * <ul>
 *   <li>{@code cold}: {@link SnowflakeTranspiler#analyze} with no cache in front, the same text every time:
 *       the whole cost of translating a statement (tokenize, pre-process, Babel parse, table and lineage
 *       analysis, the rewrite shuttles, DuckDB unparse).
 *   <li>{@code coldMiss}: {@link CalciteSqlAnalyzer} (default 10 000 entries) with a statement of a shape it
 *       has never seen (a new table alias every time): {@code cold} plus both cache layers' lookups, the
 *       insertion and the eviction of the eldest entry.
 *   <li>{@code literalChange}: {@link CalciteSqlAnalyzer} with a shape it has seen before but a new value
 *       of a free literal every time ({@code LIMIT n}): the literal-insensitive layer when it templates the
 *       shape, else a full translation.
 *   <li>{@code cached}: {@link CalciteSqlAnalyzer} asked for a text it already holds: key normalisation
 *       (a tokenizer pass), the hash lookup and the re-targeted result.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class TranspilerBenchmark {
    private static final int CACHE_SIZE = 10_000;

    @Param({"small", "tpch_q1", "tpch_q5"})
    public String query;

    private String sql;
    private final SnowflakeTranspiler transpiler = new SnowflakeTranspiler();
    private CalciteSqlAnalyzer warmCache;
    private CalciteSqlAnalyzer shapeCache;
    private CalciteSqlAnalyzer literalCache;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() throws QueryException {
        sql = Queries.named(query);
        StatementAnalysis analysis = transpiler.analyze(sql);
        if (!analysis.analyzed() || !analysis.transpiled()) {
            throw new IllegalStateException("expected a parsed and rewritten statement: " + sql);
        }
        warmCache = new CalciteSqlAnalyzer(CACHE_SIZE);
        warmCache.analyze(sql);
        shapeCache = new CalciteSqlAnalyzer(CACHE_SIZE);
        literalCache = new CalciteSqlAnalyzer(CACHE_SIZE);
        sequence = 0;
    }

    @Benchmark
    public StatementAnalysis cold() throws QueryException {
        return transpiler.analyze(sql);
    }

    @Benchmark
    public StatementAnalysis coldMiss() throws QueryException {
        return shapeCache.analyze(Queries.withAlias(query, "t" + (++sequence)));
    }

    @Benchmark
    public StatementAnalysis literalChange() throws QueryException {
        return literalCache.analyze(sql + " LIMIT " + (++sequence));
    }

    @Benchmark
    public StatementAnalysis cached() throws QueryException {
        return warmCache.analyze(sql);
    }
}

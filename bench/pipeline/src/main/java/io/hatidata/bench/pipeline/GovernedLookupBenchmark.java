package io.hatidata.bench.pipeline;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.sql.GovernedTable;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.api.sql.TableReference;
import io.hatidata.sql.CalciteSqlAnalyzer;
import io.hatidata.sql.governance.CalciteTableRewriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of each pipeline step of bench/run's governed primary-key lookup
 * ({@code SELECT id, name, email, balance FROM kv WHERE id = <n>}, a new {@code n} every time, as pgbench's
 * simple mode sends it), on a plain class path with the product's own classes:
 *
 * <ul>
 *   <li>{@code tableExtraction}: {@link CalciteSqlAnalyzer#analyze} of the client's text (stage 300; the
 *       literal-insensitive cache answers a known shape with a new literal);
 *   <li>{@code rowFilter}: {@link CalciteTableRewriter#rewrite} with the RLS rule of bench/run
 *       ({@code kv: balance >= 0}), what {@code RowSecurityProvider} calls (stage 700);
 *   <li>{@code columnMasking}: the same rewriter on the row-filtered text with the masking rule
 *       ({@code kv.email} partial, 4 visible), what {@code MaskingProvider} calls (stage 750);
 *   <li>{@code transpile}: {@link CalciteSqlAnalyzer#analyze} of the rewritten text (stage 800);
 *   <li>{@code duckdbGoverned} / {@code duckdbPlain}: DuckDB (in memory, the 100 000 rows of bench/run's kv
 *       with its primary key) executing the translated governed statement / the client's statement, every
 *       row and column read (stage 1000 without the wire encoding);
 *   <li>{@code governedSteps}: the five steps in a row; {@code selectOneRewrites}: both rewrites of
 *       {@code SELECT 1} (a statement that names no governed table still pays them).
 * </ul>
 *
 * The policy store, the audit trail and the wire are not here: the store's lookups are cached in memory in
 * the product, the audit writer has its own benchmark (bench/audit), and bench/run measures the whole.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class GovernedLookupBenchmark {
    private static final int ROWS = 100_000;
    private static final String POLICY = "bench";
    private static final TableReference KV = new TableReference(List.of("kv"));
    /** The text {@code Masks.expression("partial", "email", 4)} of the masking bundle produces. */
    private static final String PARTIAL_EMAIL = "CASE WHEN \"email\" IS NULL THEN NULL WHEN length(CAST(\"email\" AS"
            + " VARCHAR)) <= 4 THEN '***' ELSE '***' || substr(CAST(\"email\" AS VARCHAR), length(CAST(\"email\" AS"
            + " VARCHAR)) - 3) END";
    private static final List<GovernedTable> ROW_FILTER =
            List.of(GovernedTable.filtered(KV, POLICY, "balance >= 0", List.of()));
    private static final List<GovernedTable> MASKS = List.of(GovernedTable.masked(KV, POLICY,
            List.of("id", "name", "email", "balance"), Map.of("email", PARTIAL_EMAIL)));

    private final CalciteTableRewriter rewriter = new CalciteTableRewriter();
    private CalciteSqlAnalyzer analyzer;
    private Connection duckdb;
    private Statement statement;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        analyzer = new CalciteSqlAnalyzer(10_000);
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        statement = duckdb.createStatement();
        statement.execute("CREATE TABLE kv (id INTEGER PRIMARY KEY, name VARCHAR(40), email VARCHAR(60), balance INTEGER)");
        statement.execute("INSERT INTO kv SELECT i, 'name-' || i, 'user' || i || '@example.com',"
                + " ((i * 7919) % 100000)::INTEGER FROM range(1, " + (ROWS + 1) + ") AS t(i)");
        String governed = governedEngineSql(lookup(42));
        try (ResultSet rows = statement.executeQuery(governed)) {
            if (!rows.next() || !"***.com".equals(rows.getString("email"))) {
                throw new IllegalStateException("the governed statement does not mask: " + governed);
            }
        }
        sequence = 0;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        statement.close();
        duckdb.close();
    }

    private String nextLookup() {
        sequence++;
        return lookup(1 + (int) (sequence * 7919 % ROWS));
    }

    private static String lookup(int id) {
        return "SELECT id, name, email, balance FROM kv WHERE id = " + id;
    }

    private String governedEngineSql(String sql) throws QueryException {
        analyzer.analyze(sql);
        String filtered = rewriter.rewrite(sql, ROW_FILTER);
        String masked = rewriter.rewrite(filtered, MASKS);
        return analyzer.analyze(masked).engineSql();
    }

    @Benchmark
    public StatementAnalysis tableExtraction() throws QueryException {
        return analyzer.analyze(nextLookup());
    }

    @Benchmark
    public String rowFilter() throws QueryException {
        return rewriter.rewrite(nextLookup(), ROW_FILTER);
    }

    /** The input is prepared outside the measured call: the row filter's output for a new literal. */
    @State(Scope.Thread)
    public static class Filtered {
        String sql;
        String masked;
        String engineSql;
        String plainSql;

        @Setup(Level.Invocation)
        public void next(GovernedLookupBenchmark bench) throws QueryException {
            plainSql = bench.nextLookup();
            sql = bench.rewriter.rewrite(plainSql, ROW_FILTER);
            masked = bench.rewriter.rewrite(sql, MASKS);
            engineSql = bench.analyzer.analyze(masked).engineSql();
        }
    }

    @Benchmark
    public String columnMasking(Filtered input) throws QueryException {
        return rewriter.rewrite(input.sql, MASKS);
    }

    @Benchmark
    public StatementAnalysis transpile(Filtered input) throws QueryException {
        return analyzer.analyze(input.masked);
    }

    @Benchmark
    public void duckdbGoverned(Filtered input, Blackhole sink) throws SQLException {
        read(input.engineSql, sink);
    }

    @Benchmark
    public void duckdbPlain(Filtered input, Blackhole sink) throws SQLException {
        read(input.plainSql, sink);
    }

    @Benchmark
    public void governedSteps(Blackhole sink) throws Exception {
        read(governedEngineSql(nextLookup()), sink);
    }

    @Benchmark
    public String selectOneRewrites() throws QueryException {
        return rewriter.rewrite(rewriter.rewrite("SELECT 1", ROW_FILTER), MASKS);
    }

    private void read(String sql, Blackhole sink) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                sink.consume(rows.getInt(1));
                sink.consume(rows.getString(2));
                sink.consume(rows.getString(3));
                sink.consume(rows.getInt(4));
            }
        }
    }
}

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
 * ({@code SELECT id, name, email, balance FROM kv WHERE id = <n>}, 4 096 different {@code n} used in turn, as pgbench's
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

    /** Inputs prepared at setup, used in turn: more than the analyzer's exact cache holds, so a text is
     * never an exact hit again (as with pgbench's 100 000 keys), while its shape is known. */
    private static final int INPUTS = 4096;
    private static final int ANALYZER_CACHE = 1000;

    private final CalciteTableRewriter rewriter = new CalciteTableRewriter();
    private CalciteSqlAnalyzer analyzer;
    private Connection duckdb;
    private Statement statement;
    private final String[] plain = new String[INPUTS];
    private final String[] filtered = new String[INPUTS];
    private final String[] masked = new String[INPUTS];
    private final String[] engineSql = new String[INPUTS];
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        analyzer = new CalciteSqlAnalyzer(ANALYZER_CACHE);
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        statement = duckdb.createStatement();
        statement.execute("CREATE TABLE kv (id INTEGER PRIMARY KEY, name VARCHAR(40), email VARCHAR(60), balance INTEGER)");
        statement.execute("INSERT INTO kv SELECT i, 'name-' || i, 'user' || i || '@example.com',"
                + " ((i * 7919) % 100000)::INTEGER FROM range(1, " + (ROWS + 1) + ") AS t(i)");
        for (int i = 0; i < INPUTS; i++) {
            plain[i] = "SELECT id, name, email, balance FROM kv WHERE id = " + (1 + (int) ((i + 1L) * 7919 % ROWS));
            filtered[i] = rewriter.rewrite(plain[i], ROW_FILTER);
            masked[i] = rewriter.rewrite(filtered[i], MASKS);
            engineSql[i] = analyzer.analyze(masked[i]).engineSql();
        }
        try (ResultSet rows = statement.executeQuery(engineSql[0])) {
            if (!rows.next() || !rows.getString("email").startsWith("***") || rows.getString("email").contains("@")) {
                throw new IllegalStateException("the governed statement does not mask: " + engineSql[0]);
            }
        }
        next = 0;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        statement.close();
        duckdb.close();
    }

    private int nextIndex() {
        next = (next + 1) % INPUTS;
        return next;
    }

    @Benchmark
    public StatementAnalysis tableExtraction() throws QueryException {
        return analyzer.analyze(plain[nextIndex()]);
    }

    @Benchmark
    public String rowFilter() throws QueryException {
        return rewriter.rewrite(plain[nextIndex()], ROW_FILTER);
    }

    @Benchmark
    public String columnMasking() throws QueryException {
        return rewriter.rewrite(filtered[nextIndex()], MASKS);
    }

    @Benchmark
    public StatementAnalysis transpile() throws QueryException {
        return analyzer.analyze(masked[nextIndex()]);
    }

    @Benchmark
    public void duckdbGoverned(Blackhole sink) throws SQLException {
        read(engineSql[nextIndex()], sink);
    }

    @Benchmark
    public void duckdbPlain(Blackhole sink) throws SQLException {
        read(plain[nextIndex()], sink);
    }

    @Benchmark
    public void governedSteps(Blackhole sink) throws Exception {
        String sql = plain[nextIndex()];
        analyzer.analyze(sql);
        String rewritten = rewriter.rewrite(rewriter.rewrite(sql, ROW_FILTER), MASKS);
        read(analyzer.analyze(rewritten).engineSql(), sink);
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

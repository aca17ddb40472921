package io.hatidata.bench.pipeline;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 * DuckDB alone (in memory, through its JDBC driver as the engine bundle uses it) on bench/run's 1 M-row
 * aggregate: the floor under HatiData's figure for that workload, whatever the pipeline costs. DuckDB's
 * default threads (the cores) as in the product. {@code governed} is the statement after the row filter of
 * bench/run's RLS policy ({@code qty > 0}) as the rewriter splices it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EngineAggregateBenchmark {
    private static final String PLAIN = "SELECT product_id % 10 AS bucket, count(*), sum(amount_cents), avg(qty)"
            + " FROM facts WHERE qty <> 3 GROUP BY product_id % 10 ORDER BY bucket";
    private static final String GOVERNED = "SELECT product_id % 10 AS bucket, count(*), sum(amount_cents), avg(qty)"
            + " FROM (SELECT * FROM facts WHERE (qty > 0)) AS \"facts\" WHERE qty <> 3 GROUP BY product_id % 10"
            + " ORDER BY bucket";

    private Connection duckdb;
    private Statement statement;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        statement = duckdb.createStatement();
        statement.execute("CREATE TABLE facts (id BIGINT, customer_id INTEGER, product_id INTEGER, qty INTEGER,"
                + " amount_cents INTEGER, day DATE)");
        statement.execute("INSERT INTO facts SELECT i, ((i * 31) % 10000 + 1)::INTEGER, ((i * 17) % 1000 + 1)::INTEGER,"
                + " (i % 10 + 1)::INTEGER, ((i * 7919) % 100000)::INTEGER, DATE '2026-01-01' + (i % 365)::INTEGER"
                + " FROM range(1, 1000001) AS t(i)");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        statement.close();
        duckdb.close();
    }

    @Benchmark
    public void plain(Blackhole sink) throws SQLException {
        read(PLAIN, sink);
    }

    @Benchmark
    public void governed(Blackhole sink) throws SQLException {
        read(GOVERNED, sink);
    }

    private void read(String sql, Blackhole sink) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                sink.consume(rows.getObject(1));
                sink.consume(rows.getObject(3));
            }
        }
    }
}

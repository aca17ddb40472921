package io.hatidata.bench.pipeline;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * DuckDB alone on bench/run's governed primary-key lookup, shape by shape, with the statement prepared once
 * and run with a new key each time (what the engine session's kept statements give a repeated text): how much
 * of a governed point read is DuckDB's, and which part of the governed text costs it. {@code shape}: the
 * client's statement ({@code plain}), the row filter's sub-query ({@code rls}), the mask's projection
 * ({@code mask}, the expression the masking bundle writes for {@code partial} with 4 visible characters), both
 * as the pipeline produces them ({@code governed}), and {@code select1} for the per-statement floor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class EngineLookupShapeBenchmark {
    private static final String MASK = "CASE WHEN \"email\" IS NULL THEN NULL WHEN length(\"email\") <= 4 THEN '***'"
            + " ELSE '***' || substr(\"email\", length(\"email\") - 3) END";

    @Param({"select1", "plain", "rls", "mask", "governed"})
    public String shape;

    private Connection duckdb;
    private PreparedStatement lookup;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = duckdb.createStatement()) {
            statement.execute("CREATE TABLE kv (id INTEGER PRIMARY KEY, name VARCHAR(40), email VARCHAR(60), balance INTEGER)");
            statement.execute("INSERT INTO kv SELECT i, 'name-' || i, 'user' || i || '@example.com',"
                    + " ((i * 7919) % 100000)::INTEGER FROM range(1, 100001) AS t(i)");
        }
        String source = switch (shape) {
            case "plain", "select1" -> "kv";
            case "rls" -> "(SELECT * FROM main.kv WHERE (balance >= 0)) AS kv";
            case "mask" -> "(SELECT \"id\", \"name\", " + MASK + " AS \"email\", \"balance\" FROM main.kv) AS kv";
            case "governed" -> "(SELECT * FROM (SELECT \"id\", \"name\", " + MASK + " AS \"email\", \"balance\""
                    + " FROM main.kv) AS \"kv\" WHERE (balance >= 0)) AS kv";
            default -> throw new IllegalArgumentException(shape);
        };
        lookup = duckdb.prepareStatement(shape.equals("select1") ? "SELECT 1 WHERE ? > 0"
                : "SELECT id, name, email, balance FROM " + source + " WHERE id = ?");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        lookup.close();
        duckdb.close();
    }

    @Benchmark
    public void lookup(Blackhole sink) throws SQLException {
        lookup.setInt(1, ThreadLocalRandom.current().nextInt(1, 100_001));
        try (ResultSet rows = lookup.executeQuery()) {
            while (rows.next()) {
                sink.consume(rows.getString(1));
            }
        }
    }
}

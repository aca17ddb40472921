package io.hatidata.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
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

/**
 * Durable audit appends per second through {@link GroupCommitWriter} on an embedded Derby with its default
 * durability, as the pipeline's audit stage makes them: each JMH thread is a statement that appends one
 * query-audit record and waits until it is committed. {@code maxBatch=1} is one transaction per record
 * (no group commit); {@code 512} is the shipped default. Run with {@code -t 1}, {@code -t 4},
 * {@code -t 16}, {@code -t 64} to see how the batches grow with concurrency.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class GroupCommitBenchmark {

    @Param({"1", "512"})
    public int maxBatch;

    private Path dir;
    private GroupCommitWriter writer;
    private final AtomicLong numbers = new AtomicLong();

    @Setup(Level.Trial)
    public void open() throws Exception {
        dir = Files.createTempDirectory("audit-bench");
        EmbeddedDataSource derby = new EmbeddedDataSource();
        derby.setDatabaseName(dir.resolve("db").toString());
        derby.setCreateDatabase("create");
        AuditSchema.migrate(derby);
        writer = new GroupCommitWriter(derby, new CheckpointSigner(new Ed25519PrivateKeyParameters(new byte[32], 0)),
                new GroupCommitWriter.Settings(10_000, maxBatch, 30_000, 1_000, 300_000L), Clock.systemUTC());
        writer.start();
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        writer.close();
        long[] counts = writer.counts();
        System.out.printf("%n[maxBatch=%d] %d entries in %d commits: %.1f entries per commit%n", maxBatch, counts[1],
                counts[0], counts[1] / (double) Math.max(1, counts[0]));
        EmbeddedDataSource shutdown = new EmbeddedDataSource();
        shutdown.setDatabaseName(dir.resolve("db").toString());
        shutdown.setShutdownDatabase("shutdown");
        try {
            shutdown.getConnection().close();
        } catch (SQLException expected) {
            // Derby reports a successful shutdown as an exception
        }
    }

    @Benchmark
    public Object appendDurably() throws AuditUnavailableException {
        long number = numbers.incrementAndGet();
        Map<String, Object> values = new HashMap<>();
        values.put("entry_id", "aud_" + number);
        values.put("entry_type", "intent");
        values.put("ts", System.currentTimeMillis());
        values.put("query_id", "qry_" + number);
        values.put("session_id", "sess_" + (number % 64));
        values.put("org_id", "org_bench");
        values.put("user_id", "usr_bench");
        values.put("role", "analyst");
        values.put("sql_redacted", "SELECT id, name FROM customers WHERE region = '[REDACTED]' LIMIT '[REDACTED]'");
        return writer.append(new ChainRecord(AuditLogKind.QUERY, "env_" + (number % 4), values));
    }
}

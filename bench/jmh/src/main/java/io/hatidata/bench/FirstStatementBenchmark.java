package io.hatidata.bench;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.sql.SnowflakeTranspiler;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The first statement a fresh JVM transpiles: class loading and static initialisation of Calcite's parser
 * and operator tables, all interpreted code. One call per fork, several forks. This is what the first
 * statement after a product start pays once; it is not the per-statement cost (see
 * {@link TranspilerBenchmark}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1, batchSize = 1)
@Fork(value = 5, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FirstStatementBenchmark {
    @Param({"tpch_q5"})
    public String query;

    @Benchmark
    public StatementAnalysis firstInFreshJvm() throws QueryException {
        return new SnowflakeTranspiler().analyze(Queries.named(query));
    }
}

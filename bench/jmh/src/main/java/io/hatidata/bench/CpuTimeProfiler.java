package io.hatidata.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time per operation, next to JMH's wall-clock score: on a machine shared with other work the
 * benchmark thread waits for a core now and then, which inflates wall time but not CPU time.
 *
 * <ul>
 *   <li>{@code cpu}: the benchmark JVM's CPU time over the iteration divided by its operations, in µs/op.
 *       It counts every thread of the JVM, so GC and any late JIT compilation are included: an upper bound
 *       of the benchmark thread's own cost.
 *   <li>{@code cpu.share}: that CPU time over the iteration's wall time, in cores. Well below 1 for a
 *       single-threaded benchmark means the JVM was kept off the CPU (other load on the machine).
 * </ul>
 *
 * Use: {@code java -jar target/benchmarks.jar -prof io.hatidata.bench.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private final com.sun.management.OperatingSystemMXBean system =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuAtStart;
    private long wallAtStart;

    @Override
    public String getDescription() {
        return "CPU time of the benchmark JVM per operation, and its share of the wall time";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        wallAtStart = System.nanoTime();
        cpuAtStart = system.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        long cpu = system.getProcessCpuTime() - cpuAtStart;
        long wall = System.nanoTime() - wallAtStart;
        long ops = result.getMetadata().getMeasuredOps();
        if (ops <= 0 || wall <= 0 || cpu < 0) {
            return List.of();
        }
        double divisor = benchmarkParams.getTimeUnit().toNanos(1);
        return List.of(
                new ScalarResult("cpu", cpu / divisor / ops, unit(benchmarkParams), AggregationPolicy.AVG),
                new ScalarResult("cpu.share", (double) cpu / wall, "cores", AggregationPolicy.AVG));
    }

    private static String unit(BenchmarkParams params) {
        return switch (params.getTimeUnit()) {
            case NANOSECONDS -> "ns/op";
            case MICROSECONDS -> "us/op";
            case MILLISECONDS -> "ms/op";
            case SECONDS -> "s/op";
            default -> params.getTimeUnit().toString().toLowerCase(java.util.Locale.ROOT) + "/op";
        };
    }
}

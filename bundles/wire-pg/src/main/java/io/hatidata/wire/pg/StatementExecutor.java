package io.hatidata.wire.pg;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded pool that authenticates clients and runs statements, off the event loops: at most
 * {@code threads} named daemon threads ({@code hatidata-pg-statement-N}, idle ones time out) and at most
 * {@code queue} waiting tasks; beyond that {@link #execute} throws {@link RejectedExecutionException}.
 *
 * <p>The threads are a {@link ForkJoinPool}'s (FIFO for tasks, {@code asyncMode}) because it hands a new task
 * to the thread that became idle last. A {@code ThreadPoolExecutor} wakes the one idle longest, so a single
 * client's statements went round all its threads in turn, each one cold (CPU caches, the allocator's
 * per-thread arenas); measured in bench/README.md "Statement threads". The bound on waiting tasks is a
 * semaphore of {@code threads + queue} permits, taken in {@link #execute} and given back when the task ends.
 *
 * <p>{@link #resize} replaces the pool when a limit changes; the old one is retired (it finishes what it
 * holds) and awaited in {@link #close}. Thread-safe.
 */
final class StatementExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(StatementExecutor.class);
    private static final long KEEP_ALIVE_SECONDS = 60;
    /** What a client is told (with SQLSTATE 53300) when the queue of waiting statements is full. */
    static final String BUSY = "server is busy: too many statements waiting";

    /** One pool and the permits of its tasks (running and waiting). */
    private record Pool(ForkJoinPool threads, Semaphore permits, int threadCount, int queueCapacity) {}

    private final AtomicInteger threadNumber = new AtomicInteger();
    private final List<Pool> retired = new ArrayList<>();
    private volatile Pool pool;

    StatementExecutor(int threads, int queue) {
        this.pool = newPool(threads, queue);
    }

    @Override
    public void execute(Runnable task) {
        Pool current = pool;
        if (current.threads().isShutdown()) {
            throw new RejectedExecutionException("the statement executor is shut down");
        }
        if (!current.permits().tryAcquire()) {
            throw new RejectedExecutionException(BUSY);
        }
        try {
            current.threads().execute(() -> {
                try {
                    task.run();
                } finally {
                    current.permits().release();
                }
            });
        } catch (RejectedExecutionException ex) {
            current.permits().release();
            throw ex;
        }
    }

    /** Whether {@link #close} has begun: the server is stopping. */
    boolean isShutdown() {
        return pool.threads().isShutdown();
    }

    /** Applies new limits; running and queued tasks are kept (they finish on the retired pool). */
    synchronized void resize(int threads, int queue) {
        Pool current = pool;
        if (threads == current.threadCount() && queue == current.queueCapacity()) {
            return;
        }
        pool = newPool(threads, queue);
        current.threads().shutdown();
        retired.add(current);
    }

    /**
     * Stops accepting tasks, lets running ones finish for up to {@code timeout}, then interrupts them.
     *
     * @return whether every thread has ended
     */
    synchronized boolean close(Duration timeout) {
        List<ForkJoinPool> all = new ArrayList<>();
        retired.forEach(each -> all.add(each.threads()));
        all.add(pool.threads());
        all.forEach(ForkJoinPool::shutdown);
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean result = true;
        for (ForkJoinPool each : all) {
            if (!awaitUntil(each, deadline)) {
                each.shutdownNow();
                result &= awaitUntil(each, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
            }
        }
        if (!result) {
            LOG.warn("Statement threads still running after shutdown; a statement ignores interruption");
        }
        return result;
    }

    private static boolean awaitUntil(ForkJoinPool pool, long deadlineNanos) {
        try {
            return pool.awaitTermination(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return pool.isTerminated();
        }
    }

    private Pool newPool(int threads, int queue) {
        ForkJoinPool.ForkJoinWorkerThreadFactory factory = owner -> new StatementThread(owner,
                "hatidata-pg-statement-" + threadNumber.incrementAndGet());
        // No spare threads for blocked tasks: the bound is `threads` (saturate → block without compensation).
        ForkJoinPool threadPool = new ForkJoinPool(threads, factory, null, true, 0, threads, 1, saturated -> true,
                KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
        return new Pool(threadPool, new Semaphore(threads + queue), threads, queue);
    }

    /** A named daemon statement thread; like the pool threads before it, it inherits its creator's class loader. */
    private static final class StatementThread extends ForkJoinWorkerThread {
        StatementThread(ForkJoinPool pool, String name) {
            super(pool);
            setName(name);
        }
    }
}

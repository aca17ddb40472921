package io.hatidata.wire.pg;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded pool that authenticates clients and runs statements, off the event loops: at most
 * {@code threads} named daemon threads ({@code hatidata-pg-statement-N}, idle ones time out) and at most
 * {@code queue} waiting tasks; beyond that {@link #execute} throws {@link RejectedExecutionException}.
 *
 * <p>{@link #resize} changes the thread count in place; a new queue size needs a new pool, so the old one
 * is retired (it finishes what it holds) and awaited in {@link #close}. Thread-safe.
 */
final class StatementExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(StatementExecutor.class);
    private static final long KEEP_ALIVE_SECONDS = 60;
    /** What a client is told (with SQLSTATE 53300) when the queue of waiting statements is full. */
    static final String BUSY = "server is busy: too many statements waiting";

    private final AtomicInteger threadNumber = new AtomicInteger();
    private final List<ThreadPoolExecutor> retired = new ArrayList<>();
    private volatile ThreadPoolExecutor pool;
    private int queueCapacity;

    StatementExecutor(int threads, int queue) {
        this.pool = newPool(threads, queue);
        this.queueCapacity = queue;
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    /** Whether {@link #close} has begun: the server is stopping. */
    boolean isShutdown() {
        return pool.isShutdown();
    }

    /** Applies new limits; running and queued tasks are kept. */
    synchronized void resize(int threads, int queue) {
        ThreadPoolExecutor current = pool;
        if (queue != queueCapacity) {
            pool = newPool(threads, queue);
            queueCapacity = queue;
            current.shutdown();
            retired.add(current);
        } else if (threads > current.getMaximumPoolSize()) {
            current.setMaximumPoolSize(threads);
            current.setCorePoolSize(threads);
        } else if (threads < current.getMaximumPoolSize()) {
            current.setCorePoolSize(threads);
            current.setMaximumPoolSize(threads);
        }
    }

    /**
     * Stops accepting tasks, lets running ones finish for up to {@code timeout}, then interrupts them.
     *
     * @return whether every thread has ended
     */
    synchronized boolean close(Duration timeout) {
        List<ThreadPoolExecutor> all = new ArrayList<>(retired);
        all.add(pool);
        all.forEach(ThreadPoolExecutor::shutdown);
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean result = true;
        for (ThreadPoolExecutor each : all) {
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

    private static boolean awaitUntil(ThreadPoolExecutor executor, long deadlineNanos) {
        try {
            return executor.awaitTermination(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return executor.isTerminated();
        }
    }

    private ThreadPoolExecutor newPool(int threads, int queue) {
        BlockingQueue<Runnable> workQueue = queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
        ThreadFactory threadFactory = task -> {
            Thread result = new Thread(task, "hatidata-pg-statement-" + threadNumber.incrementAndGet());
            result.setDaemon(true);
            return result;
        };
        ThreadPoolExecutor result = new ThreadPoolExecutor(
                threads, threads, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS, workQueue, threadFactory,
                new ThreadPoolExecutor.AbortPolicy());
        result.allowCoreThreadTimeOut(true);
        return result;
    }
}

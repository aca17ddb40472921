package io.hatidata.wire.pg;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded pool that authenticates clients and runs statements, off the event loops: at most
 * {@code threads} named daemon threads ({@code hatidata-pg-statement-N}) and at most {@code queue} waiting
 * tasks; beyond that {@link #execute} throws {@link RejectedExecutionException}.
 *
 * <p>The threads are a {@link ForkJoinPool}'s (FIFO for tasks, {@code asyncMode}) because it hands a new task
 * to the thread that became idle last. A {@code ThreadPoolExecutor} wakes the one idle longest, so a single
 * client's statements went round all its threads in turn, each one cold (CPU caches, the allocator's
 * per-thread arenas); measured in bench/README.md "Statement threads". The bound on running plus waiting
 * tasks is one semaphore of {@code threads + queue} permits, taken in {@link #execute} and given back when
 * the task ends.
 *
 * <p>Idle threads are kept (at most {@code threads}): JDK 17's pool trims them only one per idle period, and
 * its trimming path before 17.0.17 can miscount its workers until it stops running tasks (JDK-8351933), so
 * the keep-alive is effectively infinite and that path never runs.
 *
 * <p>{@link #resize} replaces the pool when a limit changes: the tasks still waiting in the old one move to
 * the new one, the old one finishes what runs and is awaited in {@link #close}. Thread-safe.
 */
final class StatementExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(StatementExecutor.class);
    /** The most threads a {@link ForkJoinPool} takes. */
    static final int MAX_THREADS = 0x7fff;
    /** Long enough never to end (a longer one would overflow the pool's deadline arithmetic). */
    private static final long KEEP_ALIVE_DAYS = 36_500;
    /** What a client is told (with SQLSTATE 53300) when the queue of waiting statements is full. */
    static final String BUSY = "server is busy: too many statements waiting";
    private static final String SHUT_DOWN = "the statement executor is shut down";

    /** The permits of running and waiting tasks, for all pools together; resized in place. */
    private static final class Permits extends Semaphore {
        private static final long serialVersionUID = 1L;

        Permits(int permits) {
            super(permits);
        }

        void change(int delta) {
            if (delta > 0) {
                release(delta);
            } else if (delta < 0) {
                reducePermits(-delta);
            }
        }
    }

    /** A pool whose waiting tasks can be moved to its successor. */
    private static final class StatementPool extends ForkJoinPool {
        final int threads;

        StatementPool(int threads, ForkJoinWorkerThreadFactory factory) {
            // No spare threads for blocked tasks: the bound is `threads` (saturate → block without compensation).
            super(threads, factory, null, true, 0, threads, 1, saturated -> true, KEEP_ALIVE_DAYS, TimeUnit.DAYS);
            this.threads = threads;
        }

        int moveWaitingTasksTo(ForkJoinPool successor) {
            List<ForkJoinTask<?>> waiting = new ArrayList<>();
            drainTasksTo(waiting);
            waiting.forEach(successor::execute);
            return waiting.size();
        }
    }

    private final AtomicInteger threadNumber = new AtomicInteger();
    private final List<ForkJoinPool> retired = new ArrayList<>();
    private final Permits permits;
    private volatile StatementPool pool;
    private int queueCapacity;

    StatementExecutor(int threads, int queue) {
        this.pool = newPool(threads);
        this.queueCapacity = queue;
        this.permits = new Permits(permitsFor(threads, queue));
    }

    @Override
    public void execute(Runnable task) {
        if (!permits.tryAcquire()) {
            if (isShutdown()) {
                throw new RejectedExecutionException(SHUT_DOWN);
            }
            throw new RejectedExecutionException(BUSY);
        }
        Runnable counted = () -> {
            try {
                task.run();
            } finally {
                permits.release();
                Thread.interrupted(); // an interrupt meant for this task must not reach the thread's next one
            }
        };
        try {
            submit(counted);
        } catch (RejectedExecutionException ex) {
            permits.release();
            throw ex;
        }
    }

    /** On the current pool; on its successor when a resize retired it meanwhile. */
    private void submit(Runnable counted) {
        StatementPool current = pool;
        if (!current.isShutdown()) {
            try {
                current.execute(counted);
                return;
            } catch (RejectedExecutionException ex) {
                if (pool == current) {
                    throw ex;
                }
            }
        }
        StatementPool successor = pool;
        if (successor == current || successor.isShutdown()) {
            throw new RejectedExecutionException(SHUT_DOWN);
        }
        successor.execute(counted);
    }

    /** Whether {@link #close} has begun: the server is stopping. */
    boolean isShutdown() {
        return pool.isShutdown();
    }

    /** Applies new limits; running tasks finish where they are, waiting ones move to the new pool. */
    synchronized void resize(int threads, int queue) {
        StatementPool current = pool;
        if (current.isShutdown() || (threads == current.threads && queue == queueCapacity)) {
            return;
        }
        permits.change(permitsFor(threads, queue) - permitsFor(current.threads, queueCapacity));
        queueCapacity = queue;
        StatementPool successor = newPool(threads);
        pool = successor;
        current.shutdown();
        int moved = current.moveWaitingTasksTo(successor);
        retired.add(current);
        retired.removeIf(ForkJoinPool::isTerminated);
        if (moved > 0) {
            LOG.info("Statement threads resized to {}: {} waiting statements moved to the new threads", threads, moved);
        }
    }

    /**
     * Stops accepting tasks, lets running ones finish for up to {@code timeout}, then interrupts them.
     *
     * @return whether every thread has ended
     */
    synchronized boolean close(Duration timeout) {
        List<ForkJoinPool> all = new ArrayList<>(retired);
        all.add(pool);
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

    private static int permitsFor(int threads, int queue) {
        return (int) Math.min(Integer.MAX_VALUE, (long) threads + queue);
    }

    private StatementPool newPool(int threads) {
        return new StatementPool(threads, owner -> new StatementThread(owner,
                "hatidata-pg-statement-" + threadNumber.incrementAndGet()));
    }

    /** A named daemon statement thread; like the pool threads before it, it inherits its creator's class loader. */
    private static final class StatementThread extends ForkJoinWorkerThread {
        StatementThread(ForkJoinPool pool, String name) {
            super(pool);
            setName(name);
        }
    }
}

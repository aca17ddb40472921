package io.hatidata.wire.pg;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that hold SQL cursors open ({@link CursorHandler}): each open cursor keeps one, waiting
 * between fetches with the engine's streaming result. They are apart from the statement threads, so open
 * cursors never take a statement thread and a DECLARE never waits for one (a DECLARE on every statement
 * thread at once would otherwise wait for workers queued behind itself). At most {@code maxCursors} are
 * open across the server; beyond, a DECLARE is refused at once ({@code 53300}). Nothing queues: a cursor
 * starts on an idle worker or a new one. Idle workers end after a minute.
 */
final class CursorWorkers implements Executor, AutoCloseable {
    private static final long KEEP_ALIVE_SECONDS = 60;

    private final ThreadPoolExecutor pool;

    CursorWorkers(int maxCursors) {
        AtomicInteger counter = new AtomicInteger();
        pool = new ThreadPoolExecutor(0, maxCursors, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "hatidata-pg-cursor-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Starts the cursor's worker now.
     *
     * @throws RejectedExecutionException when {@code maxCursors} cursors are open, or the server is stopping
     */
    @Override
    public void execute(Runnable worker) {
        pool.execute(worker);
    }

    /** A changed limit applies to the next DECLARE; open cursors stay open. */
    void resize(int maxCursors) {
        pool.setMaximumPoolSize(maxCursors);
    }

    /** Cursors open now (for tests and diagnostics). */
    int open() {
        return pool.getActiveCount();
    }

    /** Interrupts the workers (their cursors close with {@code 57P01}) and waits for them; true when all ended. */
    boolean close(Duration timeout) {
        pool.shutdownNow();
        try {
            return pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}

package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StatementExecutorTest {

    @Test
    void runsOnNamedDaemonThreadsAndRefusesBeyondTheQueue() throws Exception {
        StatementExecutor executor = new StatementExecutor(1, 1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Thread> worker = new AtomicReference<>();
        try {
            executor.execute(() -> {
                worker.set(Thread.currentThread());
                started.countDown();
                awaitQuietly(release);
            });
            assertTrue(started.await(10, TimeUnit.SECONDS));
            executor.execute(() -> { });
            assertThrows(RejectedExecutionException.class, () -> executor.execute(() -> { }));
            assertTrue(worker.get().getName().startsWith("hatidata-pg-statement-"));
            assertTrue(worker.get().isDaemon());
        } finally {
            release.countDown();
            assertTrue(executor.close(Duration.ofSeconds(10)));
        }
        assertThrows(RejectedExecutionException.class, () -> executor.execute(() -> { }));
    }

    @Test
    void resizeKeepsWorkingAndCloseAwaitsRetiredPools() throws Exception {
        StatementExecutor executor = new StatementExecutor(1, 1);
        executor.resize(3, 1);
        executor.resize(2, 5);
        CountDownLatch done = new CountDownLatch(5);
        for (int i = 0; i < 5; i++) {
            executor.execute(done::countDown);
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertTrue(executor.close(Duration.ofSeconds(10)));
        assertEquals(0, done.getCount());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}

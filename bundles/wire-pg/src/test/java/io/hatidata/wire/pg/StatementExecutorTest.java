package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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

    @Test
    void moreThreadsRunTheStatementsThatWaitedForTheOldOnes() throws Exception {
        StatementExecutor executor = new StatementExecutor(1, 4);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch waited = new CountDownLatch(2);
        try {
            executor.execute(() -> {
                started.countDown();
                awaitQuietly(release); // a suspended portal holding its thread
            });
            assertTrue(started.await(10, TimeUnit.SECONDS));
            executor.execute(waited::countDown);
            executor.execute(waited::countDown);
            executor.resize(3, 4);
            assertTrue(waited.await(10, TimeUnit.SECONDS), "the waiting statements stayed behind the busy thread");
        } finally {
            release.countDown();
            assertTrue(executor.close(Duration.ofSeconds(10)));
        }
    }

    @Test
    void fewerThreadsBoundTheStatementsStillRunningOnTheOldOnes() throws Exception {
        StatementExecutor executor = new StatementExecutor(2, 0);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(2);
        try {
            for (int i = 0; i < 2; i++) {
                executor.execute(() -> {
                    started.countDown();
                    awaitQuietly(release);
                });
            }
            assertTrue(started.await(10, TimeUnit.SECONDS));
            executor.resize(1, 0);
            // two statements still run: one thread and no queue leave no room for a third
            assertThrows(RejectedExecutionException.class, () -> executor.execute(() -> { }));
            release.countDown();
            CountDownLatch ran = new CountDownLatch(1);
            executeWhenFree(executor, ran::countDown);
            assertTrue(ran.await(10, TimeUnit.SECONDS));
        } finally {
            release.countDown();
            assertTrue(executor.close(Duration.ofSeconds(10)));
        }
    }

    @Test
    void anInterruptDoesNotOutliveItsTask() throws Exception {
        StatementExecutor executor = new StatementExecutor(1, 1);
        try {
            CountDownLatch first = new CountDownLatch(1);
            executor.execute(() -> {
                Thread.currentThread().interrupt();
                first.countDown();
            });
            assertTrue(first.await(10, TimeUnit.SECONDS));
            CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
            executeWhenFree(executor, () -> interrupted.complete(Thread.currentThread().isInterrupted()));
            assertEquals(false, interrupted.get(10, TimeUnit.SECONDS));
        } finally {
            assertTrue(executor.close(Duration.ofSeconds(10)));
        }
    }

    @Test
    void oneClientsStatementsStayOnFewThreads() throws Exception {
        // A pool that wakes the thread idle longest (ThreadPoolExecutor) runs these on all 64 threads in turn.
        StatementExecutor executor = new StatementExecutor(64, 256);
        Set<String> threads = new HashSet<>();
        try {
            for (int i = 0; i < 2000; i++) {
                CompletableFuture<String> ran = new CompletableFuture<>();
                executor.execute(() -> ran.complete(Thread.currentThread().getName()));
                threads.add(ran.get(10, TimeUnit.SECONDS));
            }
        } finally {
            assertTrue(executor.close(Duration.ofSeconds(10)));
        }
        assertTrue(threads.size() < 32, "sequential statements ran on " + threads.size() + " threads");
    }

    @Test
    void aFailingTaskGivesItsPermitBack() throws Exception {
        StatementExecutor executor = new StatementExecutor(1, 0);
        try {
            for (int i = 0; i < 5; i++) {
                CountDownLatch ran = new CountDownLatch(1);
                executeWhenFree(executor, () -> {
                    ran.countDown();
                    throw new IllegalStateException("a statement task that fails");
                });
                assertTrue(ran.await(10, TimeUnit.SECONDS));
            }
        } finally {
            assertTrue(executor.close(Duration.ofSeconds(10)));
        }
    }

    /** Submits once the single permit is free (a task gives it back just after it ran); fails after 10 s. */
    private static void executeWhenFree(StatementExecutor executor, Runnable task) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                executor.execute(task);
                return;
            } catch (RejectedExecutionException busy) {
                assertTrue(System.nanoTime() < deadline, "the permit of a failed task was not given back");
                Thread.sleep(1);
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}

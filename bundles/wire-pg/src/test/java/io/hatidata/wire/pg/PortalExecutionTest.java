package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.query.QueryException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The hand-off between a portal's worker and the Executes, on real threads. */
class PortalExecutionTest {

    /** A worker that suspends once and reports what the suspension returned or threw. */
    private static CompletableFuture<Object> suspendOnce(PortalExecution execution) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return execution.suspend();
            } catch (QueryException ex) {
                return ex.sqlState();
            } finally {
                execution.finish();
            }
        });
    }

    @Test
    void suspendEndsTheExecuteAndResumeHandsOverTheNextLimit() throws Exception {
        CountDownLatch firstEnded = new CountDownLatch(1);
        PortalExecution execution = new PortalExecution(5, firstEnded::countDown, Duration.ofSeconds(30));
        CompletableFuture<Object> worker = suspendOnce(execution);
        assertTrue(firstEnded.await(10, TimeUnit.SECONDS), "the first Execute ended at the suspension");
        AtomicInteger secondEnded = new AtomicInteger();
        assertTrue(execution.resume(3, secondEnded::incrementAndGet));
        assertEquals(3, worker.get(10, TimeUnit.SECONDS));
        assertEquals(1, secondEnded.get(), "finish ended the second Execute");
        assertEquals(PortalExecution.State.FINISHED, execution.state());
        assertFalse(execution.resume(1, () -> { }), "a finished execution cannot be resumed");
    }

    @Test
    void closeReleasesTheWorkerWithoutEndingAnExecute() throws Exception {
        CountDownLatch firstEnded = new CountDownLatch(1);
        // made on another thread than this one, which awaits it below
        PortalExecution execution = CompletableFuture.supplyAsync(
                        () -> new PortalExecution(1, firstEnded::countDown, Duration.ofSeconds(30)))
                .get(10, TimeUnit.SECONDS);
        CompletableFuture<Object> worker = suspendOnce(execution);
        assertTrue(firstEnded.await(10, TimeUnit.SECONDS));
        execution.close("55000", "closed for the test");
        assertEquals("55000", worker.get(10, TimeUnit.SECONDS));
        assertTrue(execution.isClosed());
        assertTrue(execution.awaitFinished(Duration.ofSeconds(1)));
        assertEquals("closed for the test", execution.closedError().getMessage());
    }

    @Test
    void anUnresumedPortalTimesOutWith57014() throws Exception {
        PortalExecution execution = new PortalExecution(1, () -> { }, Duration.ofMillis(50));
        assertEquals("57014", suspendOnce(execution).get(10, TimeUnit.SECONDS));
        assertEquals("57014", execution.closedError().sqlState());
        assertFalse(execution.resume(1, () -> { }));
    }

    @Test
    void theWorkerNeverWaitsForItself() {
        PortalExecution execution = new PortalExecution(0, () -> { }, Duration.ofSeconds(1));
        assertFalse(execution.awaitFinished(Duration.ofMinutes(1)));
    }

    @Test
    void closeLeavesARunningExecutionAlone() {
        AtomicInteger ended = new AtomicInteger();
        PortalExecution execution = new PortalExecution(0, ended::incrementAndGet, Duration.ofSeconds(1));
        execution.close("57014", "ignored");
        assertEquals(PortalExecution.State.RUNNING, execution.state());
        execution.finish();
        execution.finish();
        assertEquals(1, ended.get(), "each Execute ends once");
    }
}

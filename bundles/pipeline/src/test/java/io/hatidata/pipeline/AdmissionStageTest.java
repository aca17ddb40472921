package io.hatidata.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.pipeline.QueryChain;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.query.QueryException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class AdmissionStageTest {
    private final List<String> ran = Collections.synchronizedList(new ArrayList<>());

    private QueryChain recording(String name) {
        return context -> ran.add(name);
    }

    /** Runs a statement on its own thread whose chain blocks until {@code release} opens. */
    private Thread holding(AdmissionStage stage, Session session, CountDownLatch inside, CountDownLatch release,
            AtomicReference<Exception> failure) {
        Thread thread = new Thread(() -> {
            try {
                stage.process(TestQueries.query(session, "SELECT 1"), context -> {
                    inside.countDown();
                    await(release);
                });
            } catch (Exception ex) {
                failure.set(ex);
            }
        });
        thread.start();
        return thread;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQueued(PriorityGate gate, int count) {
        while (gate.queued() < count) {
            Thread.onSpinWait();
        }
    }

    @Test
    void aFullQueueIsRefusedWith53300AndTheWaiterRunsOnceThePermitIsFree() throws Exception {
        AdmissionStage stage = new AdmissionStage(TestConfigs.admission(1, 1, 8, 60_000));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread holder = holding(stage, TestQueries.session("developer"), inside, release, failure);
        inside.await(20, TimeUnit.SECONDS);

        Thread waiter = new Thread(() -> {
            try {
                stage.process(TestQueries.query("waiting"), recording("waiter"));
            } catch (Exception ex) {
                failure.set(ex);
            }
        });
        waiter.start();
        awaitQueued(stage.gate(), 1);

        QueryException full = assertThrows(QueryException.class,
                () -> stage.process(TestQueries.query("third"), recording("third")));
        assertEquals("53300", full.sqlState());
        assertTrue(full.getMessage().contains("retry later"), full.getMessage());

        release.countDown();
        holder.join();
        waiter.join();
        assertNull(failure.get());
        assertEquals(List.of("waiter"), ran);
        assertEquals(0, stage.gate().inUse());
    }

    @Test
    void queuedStatementsLeaveByPriority() throws Exception {
        AdmissionStage stage = new AdmissionStage(TestConfigs.admission(1, 10, 8, 60_000));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread holder = holding(stage, TestQueries.session("developer"), inside, release, failure);
        inside.await(20, TimeUnit.SECONDS);

        List<Thread> waiters = new ArrayList<>();
        String[] priorities = {"low", "normal", "critical", "2"};
        for (int i = 0; i < priorities.length; i++) {
            Session session = TestQueries.session("developer");
            session.setting(i % 2 == 0 ? "priority" : "hatidata_priority", priorities[i]);
            String name = priorities[i];
            Thread thread = new Thread(() -> {
                try {
                    stage.process(TestQueries.query(session, name), recording(name));
                } catch (Exception ex) {
                    failure.set(ex);
                }
            });
            thread.start();
            waiters.add(thread);
            awaitQueued(stage.gate(), i + 1);
        }
        release.countDown();
        holder.join();
        for (Thread each : waiters) {
            each.join();
        }
        assertNull(failure.get());
        assertEquals(List.of("critical", "2", "normal", "low"), ran);
    }

    @Test
    void aCancelWhileQueuedEndsTheWaitWith57014() throws Exception {
        AdmissionStage stage = new AdmissionStage(TestConfigs.admission(1, 10, 8, 60_000));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread holder = holding(stage, TestQueries.session("developer"), inside, release, failure);
        inside.await(20, TimeUnit.SECONDS);

        Session cancelled = TestQueries.session("analyst");
        AtomicReference<QueryException> result = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                stage.process(TestQueries.query(cancelled, "waiting"), recording("never"));
            } catch (QueryException ex) {
                result.set(ex);
            }
        });
        waiter.start();
        awaitQueued(stage.gate(), 1);
        cancelled.cancel();
        waiter.join();

        assertEquals("57014", result.get().sqlState());
        assertEquals(0, stage.gate().queued());
        release.countDown();
        holder.join();
        assertEquals(List.of(), ran);
        assertEquals(0, stage.gate().inUse());
    }

    @Test
    void aWaitThatTimesOutIs53300() throws Exception {
        AdmissionStage stage = new AdmissionStage(TestConfigs.admission(1, 10, 8, 1));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread holder = holding(stage, TestQueries.session("developer"), inside, release, failure);
        inside.await(20, TimeUnit.SECONDS);

        QueryException timedOut = assertThrows(QueryException.class,
                () -> stage.process(TestQueries.query("late"), recording("late")));
        assertEquals("53300", timedOut.sqlState());
        release.countDown();
        holder.join();
        assertEquals(0, stage.gate().queued());
    }

    @Test
    void thePermitIsReleasedWhenTheRestOfTheChainFails() throws Exception {
        AdmissionStage stage = new AdmissionStage(TestConfigs.admission(1, 0, 8, 60_000));
        assertThrows(QueryException.class, () -> stage.process(TestQueries.query("bad"), context -> {
            throw new QueryException("42601", "syntax error");
        }));
        assertThrows(IllegalStateException.class, () -> stage.process(TestQueries.query("bug"), context -> {
            throw new IllegalStateException("bug");
        }));
        assertEquals(0, stage.gate().inUse());
        stage.process(TestQueries.query("good"), recording("good"));
        assertEquals(List.of("good"), ran);
    }

    @Test
    void describeOnlyAndNestedStatementsNeedNoPermit() throws Exception {
        AdmissionStage stage = new AdmissionStage(TestConfigs.admission(1, 0, 8, 60_000));
        Session session = TestQueries.session("developer");
        stage.process(TestQueries.query(session, "outer"), outer -> {
            ran.add("outer");
            // the gate's only permit is held by this statement: a nested one passes, a describe passes
            stage.process(TestQueries.query(session, "nested"), recording("nested"));
            stage.process(TestQueries.query("describe").describing(), recording("describe"));
            // another session's statement on this thread is not nested: the queue (0) is full
            assertEquals("53300", assertThrows(QueryException.class,
                    () -> stage.process(TestQueries.query("other"), recording("other"))).sqlState());
        });
        assertEquals(List.of("outer", "nested", "describe"), ran);
        assertEquals(0, stage.gate().inUse());
    }

    @Test
    void aNewConfigurationAppliesToTheNextStatement() throws Exception {
        AdmissionStage stage = new AdmissionStage(TestConfigs.admission(1, 0, 8, 60_000));
        PriorityGate old = stage.gate();
        QueryContext first = TestQueries.query("first");
        stage.process(first, context -> {
            stage.modified(TestConfigs.admission(2, 0, 8, 60_000));
            stage.process(TestQueries.query("second"), recording("second"));
        });
        assertEquals(0, old.inUse());
        assertEquals(0, stage.gate().inUse());
        assertEquals(List.of("second"), ran);
    }
}

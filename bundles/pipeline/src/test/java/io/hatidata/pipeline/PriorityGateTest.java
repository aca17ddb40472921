package io.hatidata.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.query.QueryException;
import org.junit.jupiter.api.Test;

class PriorityGateTest {

    @Test
    void admitsUpToThePermitsThenQueuesThenRefuses() throws Exception {
        PriorityGate gate = new PriorityGate("executing queries", 2, 1);
        assertTrue(gate.enter(0).admitted());
        assertTrue(gate.enter(0).admitted());
        assertFalse(gate.enter(0).admitted());

        QueryException full = assertThrows(QueryException.class, () -> gate.enter(7));
        assertEquals("53300", full.sqlState());
        assertEquals(2, gate.inUse());
        assertEquals(1, gate.queued());
    }

    @Test
    void higherRankLeavesFirstAndFifoWithinARank() throws Exception {
        PriorityGate gate = new PriorityGate("executing queries", 1, 10);
        gate.enter(0);
        PriorityGate.Waiter lowFirst = gate.enter(0);
        PriorityGate.Waiter normal = gate.enter(2);
        PriorityGate.Waiter lowSecond = gate.enter(0);
        PriorityGate.Waiter critical = gate.enter(6);
        PriorityGate.Waiter normalLater = gate.enter(2);

        gate.release();
        assertTrue(critical.admitted());
        gate.release();
        assertTrue(normal.admitted());
        assertFalse(normalLater.admitted());
        gate.release();
        assertTrue(normalLater.admitted());
        gate.release();
        assertTrue(lowFirst.admitted());
        assertFalse(lowSecond.admitted());
        gate.release();
        assertTrue(lowSecond.admitted());
        gate.release();
        assertEquals(0, gate.inUse());
    }

    @Test
    void aNewcomerDoesNotOvertakeTheQueue() throws Exception {
        PriorityGate gate = new PriorityGate("executing queries", 1, 10);
        gate.enter(0);
        PriorityGate.Waiter waiting = gate.enter(0);
        gate.release();
        assertTrue(waiting.admitted());
        assertFalse(gate.enter(0).admitted(), "the permit went to the waiter, not to the newcomer");
    }

    @Test
    void aWaitThatTimesOutLeavesTheQueue() throws Exception {
        PriorityGate gate = new PriorityGate("executing queries", 1, 10);
        gate.enter(0);
        PriorityGate.Waiter waiter = gate.enter(0);
        QueryException timedOut = assertThrows(QueryException.class, () -> waiter.await(1));
        assertEquals("53300", timedOut.sqlState());
        assertEquals(0, gate.queued());
        gate.release();
        assertEquals(0, gate.inUse());
    }

    @Test
    void aCancelledWaitLeavesTheQueueWith57014() throws Exception {
        PriorityGate gate = new PriorityGate("executing queries", 1, 10);
        gate.enter(0);
        PriorityGate.Waiter waiter = gate.enter(0);
        waiter.cancel();
        assertEquals("57014", assertThrows(QueryException.class, () -> waiter.await(60_000)).sqlState());
        assertEquals(0, gate.queued());
    }
}

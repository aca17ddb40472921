package io.hatidata.wire.pg;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A portal's statement running on a statement worker across the Execute messages of that portal. When an
 * Execute's row limit is reached the worker sends PortalSuspended, ends that Execute (the connection goes
 * on with the next messages) and waits — holding the engine's streaming result, never buffering it — for
 * one of:
 *
 * <pre>
 *   the next Execute of the portal   → {@link #resume}: rows continue up to the new limit
 *   Close of the portal, a Sync that ends the transaction, another statement on the session,
 *   the connection closing           → {@link #close}: the statement is cancelled, nothing more is sent
 *   nothing within the timeout       → closed the same way; a later Execute gets 57014
 * </pre>
 *
 * <p>Each Execute hands in a callback that ends it (it resumes the connection's message handling); the
 * execution runs it exactly once: at the next suspension or when the statement ends.
 */
final class PortalExecution {
    /** Where the statement is. */
    enum State { RUNNING, SUSPENDED, FINISHED, CLOSED }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final long suspendTimeoutNanos;
    /** The worker, so it can tell when it would wait for itself; {@code null} when created for another thread. */
    private final Thread worker;
    private State state = State.RUNNING;
    private Runnable endOfExecute;
    private int limit;
    private String closeReason = "";
    private String closeSqlState = SqlState.QUERY_CANCELED;

    /**
     * Created on the statement worker that runs the portal.
     *
     * @param maxRows the first Execute's row limit; 0 for all rows
     * @param endOfExecute ends the first Execute
     */
    PortalExecution(int maxRows, Runnable endOfExecute, Duration suspendTimeout) {
        this(maxRows, endOfExecute, suspendTimeout, Thread.currentThread());
    }

    /**
     * Created before its worker starts (a SQL cursor's: {@link CursorHandler}), so it can be closed before the
     * worker runs anything.
     *
     * @param worker the thread that runs the statement, or {@code null} when it is not known yet
     */
    PortalExecution(int maxRows, Runnable endOfExecute, Duration suspendTimeout, Thread worker) {
        this.limit = maxRows;
        this.endOfExecute = endOfExecute;
        this.suspendTimeoutNanos = suspendTimeout.toNanos();
        this.worker = worker;
    }

    /** The current Execute's row limit; 0 for all rows. */
    int limit() {
        lock.lock();
        try {
            return limit;
        } finally {
            lock.unlock();
        }
    }

    State state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Worker, after PortalSuspended was written: ends the current Execute and waits for the next.
     *
     * @return the next Execute's row limit
     * @throws QueryException {@code 57014} when the portal was closed or the wait timed out
     */
    int suspend() throws QueryException {
        Runnable end;
        lock.lock();
        try {
            if (state == State.CLOSED) {
                // closed while it ran (a DECLARE that gave up waiting): it stops here
                throw new QueryException(closeSqlState, closeReason);
            }
            state = State.SUSPENDED;
            end = endOfExecute;
            endOfExecute = null;
        } finally {
            lock.unlock();
        }
        if (end != null) {
            end.run();
        }
        lock.lock();
        try {
            long nanos = suspendTimeoutNanos;
            while (state == State.SUSPENDED) {
                if (nanos <= 0) {
                    closeLocked(SqlState.QUERY_CANCELED, "canceling statement: the portal was suspended longer than "
                            + TimeUnit.NANOSECONDS.toSeconds(suspendTimeoutNanos) + " s");
                    break;
                }
                nanos = changed.awaitNanos(nanos);
            }
            if (state == State.CLOSED) {
                throw new QueryException(closeSqlState, closeReason);
            }
            return limit;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            closeLocked(SqlState.ADMIN_SHUTDOWN, "terminating statement: the server is stopping");
            throw new QueryException(closeSqlState, closeReason, ex);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Event loop: the next Execute of this portal.
     *
     * @return false when the execution is not suspended (it finished or was closed); nothing was handed over
     */
    boolean resume(int maxRows, Runnable end) {
        lock.lock();
        try {
            if (state != State.SUSPENDED) {
                return false;
            }
            state = State.RUNNING;
            limit = maxRows;
            endOfExecute = end;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Any thread: stops a suspended execution; a running or finished one is left alone. */
    void close(String sqlState, String reason) {
        lock.lock();
        try {
            if (state == State.SUSPENDED) {
                closeLocked(sqlState, reason);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Any thread: stops the execution whether it is suspended or still running up to its next suspension
     * (which then fails with this error instead); a finished one is left alone.
     */
    void closeUnlessFinished(String sqlState, String reason) {
        lock.lock();
        try {
            if (state == State.SUSPENDED || state == State.RUNNING) {
                closeLocked(sqlState, reason);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether the worker has left the statement. */
    boolean workerLeft() {
        return finished.getCount() == 0;
    }

    private void closeLocked(String sqlState, String reason) {
        state = State.CLOSED;
        closeSqlState = sqlState;
        closeReason = reason;
        changed.signalAll();
    }

    /** The error a later Execute of a closed portal gets. */
    QueryException closedError() {
        lock.lock();
        try {
            return new QueryException(closeSqlState, closeReason);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Worker: the statement ended (its CommandComplete or ErrorResponse is written, unless it was closed);
     * ends the Execute waiting for it, if any.
     */
    void finish() {
        Runnable end;
        lock.lock();
        try {
            if (state != State.CLOSED) {
                state = State.FINISHED;
            }
            end = endOfExecute;
            endOfExecute = null;
        } finally {
            lock.unlock();
        }
        finished.countDown();
        if (end != null) {
            end.run();
        }
    }

    /** Whether the execution was closed from outside (the worker then sends nothing more). */
    boolean isClosed() {
        return state() == State.CLOSED;
    }

    /** Waits until the worker has left the statement; returns whether it did in time. */
    boolean awaitFinished(Duration timeout) {
        if (Thread.currentThread() == worker) {
            // the worker itself closes the session (the event loop is gone): it leaves the statement next
            return false;
        }
        try {
            return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

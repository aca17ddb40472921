package io.hatidata.pipeline;

import io.hatidata.api.pipeline.Session;
import io.hatidata.api.query.Cancellable;
import io.hatidata.api.query.QueryException;

/**
 * A session resource through which a client's cancel request (or a timeout) reaches a statement that is
 * still waiting at a gate. Holds the waiter only while it waits.
 */
final class QueueCancellation implements Cancellable, AutoCloseable {
    /** The session resource key. */
    static final String KEY = "io.hatidata.pipeline.admission.wait";

    private volatile PriorityGate.Waiter waiting;

    /** Waits at the gate, cancellable through the session. */
    static void await(Session session, PriorityGate.Waiter waiter, long timeoutMillis)
            throws QueryException {
        QueueCancellation hook = session.resource(KEY, QueueCancellation::new);
        hook.waiting = waiter;
        try {
            if (session.cancelRequested()) {
                // the cancel came before the hook knew the waiter
                waiter.cancel();
            }
            waiter.await(timeoutMillis);
        } finally {
            hook.waiting = null;
        }
    }

    @Override
    public void cancel() {
        PriorityGate.Waiter current = waiting;
        if (current != null) {
            current.cancel();
        }
    }

    @Override
    public void close() {
        cancel();
    }
}

package io.hatidata.wire.pg;

import io.hatidata.api.pipeline.Session;
import io.hatidata.api.query.TransactionStatus;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline session of one connection and its end: set once on successful authentication, closed once
 * when the connection ends — after the connection's portals are closed and their statement workers have
 * left the engine, and never on the event loop.
 */
final class ConnectionSession {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionSession.class);

    private final AtomicReference<Session> session = new AtomicReference<>();
    private final ExtendedQueryState extendedQuery;

    ConnectionSession(ExtendedQueryState extendedQuery) {
        this.extendedQuery = extendedQuery;
    }

    /** The session once authenticated, else {@code null}. */
    Session get() {
        return session.get();
    }

    void set(Session newSession) {
        session.set(newSession);
    }

    /** The status for ReadyForQuery. */
    TransactionStatus transactionStatus() {
        Session current = session.get();
        return current == null ? TransactionStatus.IDLE : current.transactionStatus();
    }

    /** Closes the session on the executor (or a short-lived thread when the executor refuses). Any thread. */
    void closeLater(Executor executor) {
        if (session.get() == null) {
            return;
        }
        try {
            executor.execute(this::close);
        } catch (RejectedExecutionException ex) {
            if (executor instanceof StatementExecutor statements && statements.isShutdown()) {
                // the server is stopping and waits for this: close here rather than leave a thread behind
                close();
                return;
            }
            // the statement queue is full: close on a short-lived thread, never on the event loop
            Thread closer = new Thread(this::close, "hatidata-pg-session-close");
            closer.setDaemon(true);
            closer.start();
        }
    }

    /** Closes the portals and then the session, once. Not on the event loop: it waits for workers. */
    void close() {
        extendedQuery.closeAll();
        Session current = session.getAndSet(null);
        if (current == null) {
            return;
        }
        List<Exception> failures = current.close();
        for (Exception each : failures) {
            LOG.warn("A resource of session {} did not close cleanly", current.id(), each);
        }
    }
}

package io.hatidata.api.engine;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import io.hatidata.api.query.TransactionStatus;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One client session's connection to an environment's database. Statements run one at a time;
 * {@link #cancel()} may be called from any thread.
 */
@ProviderType
public interface EngineSession extends AutoCloseable {

    /**
     * Runs one statement and streams its outcome into the sink.
     *
     * @param sql exactly one statement in the engine's dialect
     * @throws QueryException with the SQLSTATE of the failure; {@code 57014} when cancelled
     */
    void execute(String sql, ResultSink sink) throws QueryException;

    /** The transaction state after the last statement (the wire protocol reports it in ReadyForQuery). */
    TransactionStatus transactionStatus();

    /** Whether the session can still run statements (false once closed, also when the engine stopped). */
    boolean isOpen();

    /** Cancels the statement running now, if any. Safe to call from any thread, and when idle. */
    void cancel();

    /** Rolls back what is open and releases the connection. Idempotent. */
    @Override
    void close();
}

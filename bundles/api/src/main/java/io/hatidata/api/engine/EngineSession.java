package io.hatidata.api.engine;

import io.hatidata.api.query.Cancellable;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import io.hatidata.api.query.SqlState;
import io.hatidata.api.query.StatementDescription;
import io.hatidata.api.query.TransactionStatus;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One client session's connection to an environment's database. Statements run one at a time;
 * {@link #cancel()} may be called from any thread.
 */
@ProviderType
public interface EngineSession extends AutoCloseable, Cancellable {

    /**
     * Runs one statement and streams its outcome into the sink.
     *
     * @param sql exactly one statement in the engine's dialect
     * @throws QueryException with the SQLSTATE of the failure; {@code 57014} when cancelled
     */
    void execute(String sql, ResultSink sink) throws QueryException;

    /**
     * Runs one statement with values bound to its parameters {@code $1} … {@code $n}.
     *
     * @param parameters the values in order (Java types as
     *     {@link io.hatidata.api.pipeline.QueryContext#parameters()} lists them); empty runs the statement
     *     as {@link #execute(String, ResultSink)} does
     * @throws QueryException with the SQLSTATE of the failure; {@code 08P01} when the number of values does
     *     not match the statement's parameters
     * @since 1.0.0
     */
    default void execute(String sql, List<Object> parameters, ResultSink sink) throws QueryException {
        if (!parameters.isEmpty()) {
            throw new QueryException(SqlState.FEATURE_NOT_SUPPORTED, "this engine does not support parameters");
        }
        execute(sql, sink);
    }

    /**
     * Prepares one statement without running it and says what it takes and returns.
     *
     * @throws QueryException with the SQLSTATE of the failure (a syntax error, a missing table)
     * @since 1.0.0
     */
    default StatementDescription describe(String sql) throws QueryException {
        throw new QueryException(SqlState.FEATURE_NOT_SUPPORTED, "this engine cannot describe statements");
    }

    /**
     * Like {@link #describe(String)}, for a statement whose values are already bound: an engine may use them
     * to type result columns that depend on untyped parameters (such as {@code SELECT $1}).
     *
     * @param parameters the bound values, as in {@link #execute(String, List, ResultSink)}
     * @since 1.0.0
     */
    default StatementDescription describe(String sql, List<Object> parameters) throws QueryException {
        return describe(sql);
    }

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

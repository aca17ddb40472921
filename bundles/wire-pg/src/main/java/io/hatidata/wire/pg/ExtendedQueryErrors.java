package io.hatidata.wire.pg;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way an extended-protocol message fails: an ErrorResponse, after which the connection ignores
 * every message up to the next Sync, which {@link SyncHandler} answers with ReadyForQuery.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY">
 *     PostgreSQL: Extended Query</a>
 */
final class ExtendedQueryErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ExtendedQueryErrors.class);

    private ExtendedQueryErrors() {}

    /** Reports a statement error with its SQLSTATE and starts ignoring until Sync. Any thread. */
    static void send(PgConnection connection, QueryException ex) {
        LOG.debug("Extended query of session {} failed with {}: {}", sessionId(connection), ex.sqlState(), ex.getMessage());
        connection.ignoreTillSync(true);
        if (connection.channel().isActive()) {
            connection.send(BackendMessages.errorResponse(connection.alloc(), Severity.ERROR, ex.sqlState(), ex.getMessage(),
                    ex.position()));
        }
    }

    /** Reports a defect as {@code XX000} without internals (the stack trace goes to the log). Any thread. */
    static void sendDefect(PgConnection connection, Throwable defect) {
        LOG.error("Extended query of session {} failed", sessionId(connection), defect);
        send(connection, new QueryException(SqlState.INTERNAL_ERROR, "internal error"));
    }

    /** The answer when the statement executor's queue is full. */
    static void sendBusy(PgConnection connection) {
        send(connection, new QueryException(SqlState.TOO_MANY_CONNECTIONS, StatementExecutor.BUSY));
        connection.channel().flush();
    }

    private static String sessionId(PgConnection connection) {
        return connection.session() == null ? "-" : connection.session().id();
    }
}

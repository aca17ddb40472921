package io.hatidata.wire.pg;

import io.hatidata.api.pipeline.Pipeline;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import io.hatidata.api.query.TransactionStatus;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Query (the simple query protocol): splits the text into statements with {@link StatementSplitter} and
 * runs each through the {@link Pipeline} on the statement executor, streaming its result through a
 * {@link DataRowSink}. The responses are
 *
 * <pre>
 *   per statement:  [RowDescription DataRow*] CommandComplete   (or ErrorResponse, which skips the rest)
 *                   SET/RESET/SHOW of a session parameter → {@link SessionParameterHandler}
 *                   DECLARE/FETCH/MOVE/CLOSE of a cursor  → {@link CursorHandler}
 *   empty text:     EmptyQueryResponse
 *   then:           ReadyForQuery with the session's transaction status
 * </pre>
 *
 * <p>When the executor's queue is full the Query is refused with {@code 53300} and the connection stays.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-SIMPLE-QUERY">
 *     PostgreSQL: Simple Query</a>
 */
final class QueryHandler {
    private static final Logger LOG = LoggerFactory.getLogger(QueryHandler.class);

    private QueryHandler() {}

    static void handle(PgConnection connection, FrontendMessage.Query query) {
        connection.offload(() -> run(connection, query.sql()), () -> refuse(connection));
    }

    private static void refuse(PgConnection connection) {
        ByteBufAllocator alloc = connection.alloc();
        connection.send(BackendMessages.errorResponse(
                alloc, Severity.ERROR, SqlState.TOO_MANY_CONNECTIONS, StatementExecutor.BUSY));
        connection.sendAndFlush(BackendMessages.readyForQuery(alloc, connection.transactionStatus()));
    }

    private static void run(PgConnection connection, String sql) {
        List<String> statements = StatementSplitter.split(sql);
        ByteBufAllocator alloc = connection.alloc();
        if (statements.isEmpty()) {
            connection.send(BackendMessages.emptyQueryResponse(alloc));
        }
        try {
            int searchFrom = 0;
            for (String each : statements) {
                // where the statement starts in the query string: error positions count from there
                int start = Math.max(0, sql.indexOf(each, searchFrom));
                searchFrom = start + each.length();
                if (!execute(connection, each, start, statements.size() > 1)) {
                    break;
                }
            }
            connection.writer().flush();
        } finally {
            if (connection.transactionStatus() == TransactionStatus.IDLE) {
                // the implicit transaction ended: its portals and cursors go, as in PostgreSQL
                connection.extendedQuery().closeTransactionPortals();
            }
            // whatever happened, the client learns that it may send the next query
            connection.sendAndFlush(BackendMessages.readyForQuery(alloc, connection.transactionStatus()));
        }
    }

    /**
     * Runs one statement that starts at {@code start} in the query string; returns whether the next may run.
     *
     * @param implicitBlock the Query holds several statements (PostgreSQL's implicit transaction block)
     */
    private static boolean execute(PgConnection connection, String statement, int start, boolean implicitBlock) {
        Session session = connection.session();
        String queryId = connection.server().newId("qry_");
        try {
            DataRowSink sink = new DataRowSink(connection.writer(), connection.alloc());
            if (SessionParameterHandler.handle(connection, statement, sink)
                    || CursorHandler.handle(connection, statement, List.of(), implicitBlock, sink, queryId)) {
                return true;
            }
            Pipeline pipeline = connection.server().pipeline();
            if (pipeline == null) {
                throw new QueryException(SqlState.SYSTEM_ERROR, "the query pipeline is not available");
            }
            // a suspended portal holds the engine's streaming result; it cannot stay open under this statement
            connection.extendedQuery().closeSuspendedPortals(null);
            try (StatementTimer ignored = StatementTimer.start(connection)) {
                if (!CopyHandler.handle(connection, statement, queryId)) {
                    pipeline.execute(QueryContext.of(session, queryId, statement, sink));
                }
            }
            return true;
        } catch (QueryException ex) {
            LOG.debug("Statement {} of session {} failed with {}: {}", queryId, session.id(), ex.sqlState(), ex.getMessage());
            sendError(connection, ex.sqlState(), ex.getMessage(), ex.position() > 0 ? start + ex.position() : 0);
        } catch (RuntimeException | LinkageError | StackOverflowError | AssertionError ex) {
            LOG.error("Statement {} of session {} failed", queryId, session.id(), ex);
            sendError(connection, SqlState.INTERNAL_ERROR, "internal error", 0);
        }
        return false;
    }

    private static void sendError(PgConnection connection, String sqlState, String message, int position) {
        if (connection.channel().isActive()) {
            connection.send(BackendMessages.errorResponse(connection.alloc(), Severity.ERROR, sqlState, message,
                    position));
        }
    }
}

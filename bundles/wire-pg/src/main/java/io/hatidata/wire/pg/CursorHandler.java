package io.hatidata.wire.pg;

import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.query.Column;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import io.hatidata.api.query.SqlState;
import io.hatidata.api.query.TransactionStatus;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQL cursors: {@code DECLARE}, {@code FETCH}, {@code MOVE} and {@code CLOSE} ({@link CursorCommand}), in
 * a simple Query or an Execute.
 *
 * <pre>
 *   DECLARE c CURSOR FOR query → the query goes through the pipeline (policies, masking, audit) on a worker
 *                                of its own, which holds the engine's streaming result; CommandComplete
 *                                "DECLARE CURSOR" once its columns are known, its error if it fails
 *   FETCH [FORWARD] n FROM c   → RowDescription, the next n rows, "FETCH k" (k &lt; n: no row is left)
 *   MOVE  [FORWARD] n IN c     → skips the next n rows, "MOVE k"
 *   CLOSE c | CLOSE ALL        → "CLOSE CURSOR"; the query is cancelled if rows were left
 * </pre>
 *
 * <p>A cursor is a portal of the connection ({@link ExtendedQueryState}): the names are shared with the
 * protocol's portals, it counts against their bound, and it goes when the transaction ends unless it was
 * declared {@code WITH HOLD}. Like a suspended portal it is never buffered: rows stream from the engine
 * as they are fetched. The engine streams one result per session, so another statement on the session
 * (other than FETCH, MOVE and CLOSE) closes an open cursor first; a later FETCH of it gets {@code 55000}.
 * Cursors scan forward only ({@code 55000} for the other directions, {@code 0A000} for {@code SCROLL}).
 * Waiting between fetches is bounded by the portal suspend timeout; each FETCH by {@code statement_timeout}.
 *
 * @see <a href="https://www.postgresql.org/docs/current/plpgsql-cursors.html">PostgreSQL: Cursors</a>
 */
final class CursorHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CursorHandler.class);

    private CursorHandler() {}

    /**
     * Answers the statement if it is a cursor command; returns whether it was one. The FETCH's rows and
     * every command tag go to {@code sink}.
     *
     * @param queryId the statement's id: a DECLARE's query runs under it
     */
    static boolean handle(PgConnection connection, String statement, ResultSink sink, String queryId)
            throws QueryException {
        if (!CursorCommand.isCursorCommand(statement)) {
            return false;
        }
        CursorCommand command = CursorCommand.parse(statement).orElseThrow();
        if (command instanceof CursorCommand.Declare declare) {
            declare(connection, declare, queryId);
            sink.complete("DECLARE CURSOR");
        } else if (command instanceof CursorCommand.Fetch fetch) {
            long rows = fetch(connection, fetch, sink);
            sink.complete((fetch.move() ? "MOVE " : "FETCH ") + rows);
        } else if (command instanceof CursorCommand.Close close) {
            close(connection, close);
            sink.complete("CLOSE CURSOR");
        }
        return true;
    }

    /** The columns a FETCH of an open cursor returns (none for the other commands), for a Describe. */
    static List<Column> describe(PgConnection connection, String statement) throws QueryException {
        CursorCommand command = CursorCommand.parse(statement).orElseThrow();
        if (command instanceof CursorCommand.Fetch fetch && !fetch.move()) {
            List<Column> columns = cursor(connection, fetch.name()).columns();
            return columns == null ? List.of() : columns;
        }
        return List.of();
    }

    private static void declare(PgConnection connection, CursorCommand.Declare declare, String queryId)
            throws QueryException {
        if (declare.scroll()) {
            throw new QueryException(SqlState.FEATURE_NOT_SUPPORTED,
                    "SCROLL cursors are not supported: cursors stream forward only (declare it NO SCROLL)");
        }
        if (declare.binary()) {
            throw new QueryException(SqlState.FEATURE_NOT_SUPPORTED,
                    "BINARY cursors are not supported: fetch in text, or use the extended protocol's binary results");
        }
        TransactionStatus status = connection.transactionStatus();
        requireNotFailed(status);
        if (!declare.hold() && status == TransactionStatus.IDLE) {
            throw new QueryException(SqlState.NO_ACTIVE_SQL_TRANSACTION,
                    "DECLARE CURSOR can only be used in transaction blocks");
        }
        if (!isQuery(declare.query())) {
            throw new QueryException(SqlState.INVALID_CURSOR_DEFINITION,
                    "a cursor is declared over a query: SELECT, VALUES, TABLE or WITH", declare.queryStart() + 1, null);
        }
        ExtendedQueryState state = connection.extendedQuery();
        // the cursor's query is another statement on the session: suspended portals close first
        state.closeSuspendedPortals(null);
        Portal cursor = Portal.declaredCursor(declare.name(), declare.query(), declare.hold());
        state.addCursor(cursor);
        CountDownLatch declared = new CountDownLatch(1);
        try {
            connection.server().executor().execute(() -> open(connection, cursor, queryId, declared::countDown));
        } catch (RejectedExecutionException ex) {
            state.closePortal(cursor.name());
            throw new QueryException(SqlState.TOO_MANY_CONNECTIONS, StatementExecutor.BUSY);
        }
        try (StatementTimer ignored = StatementTimer.start(connection)) {
            awaitDeclared(declared, state.suspendTimeout());
        } catch (QueryException ex) {
            // the worker may not have started: it will not run the query, or stops it at its columns
            cursor.cursor().abandon();
            state.closePortal(cursor.name());
            throw ex;
        }
        PortalExecution execution = cursor.execution();
        if (execution.state() != PortalExecution.State.SUSPENDED) {
            state.closePortal(cursor.name());
            QueryException failure = cursor.cursor().failure();
            if (failure == null) {
                throw new QueryException(SqlState.INVALID_CURSOR_DEFINITION, "the cursor's statement returns no rows");
            }
            // the position is in the query; the client's statement starts with DECLARE
            int position = failure.position() > 0 ? failure.position() + declare.queryStart() : 0;
            throw new QueryException(failure.sqlState(), failure.getMessage(), position, failure);
        }
    }

    /** Worker of the cursor: runs its query through the pipeline, suspending between fetches. */
    private static void open(PgConnection connection, Portal cursor, String queryId, Runnable declared) {
        CursorSink sink = cursor.cursor();
        PortalExecution execution = new PortalExecution(0, declared, connection.extendedQuery().suspendTimeout());
        sink.execution(execution);
        cursor.execution(execution);
        try {
            if (sink.abandoned()) {
                throw new QueryException(SqlState.ADMIN_SHUTDOWN, "terminating statement: the server is stopping");
            }
            Session session = connection.session();
            connection.server().requirePipeline()
                    .execute(QueryContext.of(session, queryId, cursor.statement().sql(), sink));
        } catch (QueryException ex) {
            if (!execution.isClosed()) {
                sink.failed(ex);
            }
        } catch (RuntimeException | LinkageError | StackOverflowError | AssertionError ex) {
            LOG.error("The query of cursor {} failed", queryId, ex);
            if (!execution.isClosed()) {
                sink.failed(new QueryException(SqlState.INTERNAL_ERROR, "internal error"));
            }
        } finally {
            execution.finish();
        }
    }

    /** FETCH or MOVE: returns how many rows it sent or skipped. */
    private static long fetch(PgConnection connection, CursorCommand.Fetch fetch, ResultSink sink)
            throws QueryException {
        if (fetch.backward()) {
            throw new QueryException(SqlState.NOT_IN_PREREQUISITE_STATE,
                    "cursor can only scan forward: HatiData streams cursors from the engine without keeping their rows");
        }
        if (fetch.count() == 0) {
            throw new QueryException(SqlState.FEATURE_NOT_SUPPORTED,
                    "FETCH of the current row (a count of 0) is not supported: cursors stream forward");
        }
        requireNotFailed(connection.transactionStatus());
        Portal portal = cursor(connection, fetch.name());
        CursorSink cursor = portal.cursor();
        PortalExecution execution = cursor.execution();
        // the engine streams one result per session: any other suspended portal closes
        connection.extendedQuery().closeSuspendedPortals(portal);
        CursorSink.Target target = new CursorSink.Target(fetch.move() ? null : sink);
        if (!fetch.move()) {
            sink.columns(portal.columns());
        }
        switch (execution.state()) {
            case SUSPENDED -> {
                CountDownLatch fetched = new CountDownLatch(1);
                cursor.target(target);
                int limit = fetch.count() >= Integer.MAX_VALUE ? 0 : (int) fetch.count();
                if (!execution.resume(limit, fetched::countDown)) {
                    throw execution.closedError();
                }
                try (StatementTimer ignored = StatementTimer.start(connection)) {
                    await(fetched);
                }
                QueryException failure = cursor.failure();
                if (failure != null && execution.state() != PortalExecution.State.SUSPENDED) {
                    throw failure;
                }
                if (execution.isClosed()) {
                    throw execution.closedError();
                }
            }
            case FINISHED -> {
                // no row is left
            }
            case CLOSED -> throw execution.closedError();
            case RUNNING -> throw new QueryException(SqlState.INTERNAL_ERROR, "internal error: the cursor is running");
        }
        return target.rows();
    }

    private static void close(PgConnection connection, CursorCommand.Close close) throws QueryException {
        ExtendedQueryState state = connection.extendedQuery();
        if (close.name().isEmpty()) {
            state.closeCursors();
            return;
        }
        cursor(connection, close.name());
        state.closePortal(close.name());
    }

    /** The open cursor of that name, or {@code 34000}. */
    private static Portal cursor(PgConnection connection, String name) throws QueryException {
        Portal portal = connection.extendedQuery().findPortal(name);
        if (portal == null || portal.cursor() == null) {
            throw new QueryException(SqlState.INVALID_CURSOR_NAME, "cursor \"" + name + "\" does not exist");
        }
        return portal;
    }

    private static void requireNotFailed(TransactionStatus status) throws QueryException {
        if (status == TransactionStatus.FAILED) {
            throw new QueryException(SqlState.IN_FAILED_TRANSACTION,
                    "current transaction is aborted, commands ignored until end of transaction block");
        }
    }

    /** What PostgreSQL accepts after FOR: a SELECT, VALUES, TABLE or WITH, possibly in parentheses. */
    private static boolean isQuery(String query) {
        CursorCommand.Lexer lexer = new CursorCommand.Lexer(query);
        int start = lexer.skipSpace();
        if (start < query.length() && query.charAt(start) == '(') {
            return true;
        }
        String first = lexer.peekKeyword().toLowerCase(Locale.ROOT);
        return first.equals("select") || first.equals("values") || first.equals("table") || first.equals("with");
    }

    /**
     * Waits for the cursor's worker: it ends the FETCH when it has sent the rows or the query ended. The
     * query is bounded by {@code statement_timeout} and the client's connection; a stopping server
     * interrupts the wait.
     */
    private static void await(CountDownLatch latch) throws QueryException {
        try {
            latch.await();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw stopping(ex);
        }
    }

    /**
     * Waits for the worker to start the cursor's query and announce its columns; gives up (57014) when it
     * did not within the suspend timeout: the statement threads are all busy.
     */
    private static void awaitDeclared(CountDownLatch latch, java.time.Duration timeout) throws QueryException {
        try {
            if (!latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new QueryException(SqlState.QUERY_CANCELED, "canceling statement: the cursor's query did not start within "
                        + timeout.toSeconds() + " s (the server is busy)");
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw stopping(ex);
        }
    }

    private static QueryException stopping(InterruptedException cause) {
        return new QueryException(SqlState.ADMIN_SHUTDOWN, "terminating statement: the server is stopping", cause);
    }
}

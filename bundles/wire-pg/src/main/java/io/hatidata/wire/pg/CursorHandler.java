package io.hatidata.wire.pg;

import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.query.Column;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import io.hatidata.api.query.SqlState;
import io.hatidata.api.query.TransactionStatus;
import java.time.Duration;
import java.util.List;
import java.util.Set;
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
     * @param parameters the values bound to a DECLARE's query ({@code $1 …}); empty in a simple Query
     * @param implicitBlock the statement is one of several in a simple Query: an implicit transaction block
     *     until the Query ends, where a DECLARE without HOLD is allowed, as in PostgreSQL
     * @param queryId the statement's id: a DECLARE's query runs under it
     */
    static boolean handle(PgConnection connection, String statement, List<Object> parameters, boolean implicitBlock,
            ResultSink sink, String queryId) throws QueryException {
        if (!CursorCommand.isCursorCommand(statement)) {
            return false;
        }
        CursorCommand command = CursorCommand.parse(statement).orElseThrow();
        if (command instanceof CursorCommand.Declare declare) {
            declare(connection, declare, parameters, implicitBlock, queryId);
            sink.complete("DECLARE CURSOR");
        } else if (command instanceof CursorCommand.Fetch fetch) {
            long rows = fetch(connection, fetch, sink);
            sink.complete((fetch.move() ? "MOVE " : "FETCH ") + rows);
        } else if (command instanceof CursorCommand.Close close) {
            close(connection, close);
            sink.complete(close.name().isEmpty() ? "CLOSE CURSOR ALL" : "CLOSE CURSOR");
        }
        return true;
    }

    /**
     * The columns a FETCH of an open cursor returns, for a Describe; none for the other commands and for a
     * FETCH of a cursor that does not exist (as PostgreSQL describes it: NoData; its Execute then fails).
     */
    static List<Column> describe(PgConnection connection, String statement) throws QueryException {
        CursorCommand command = CursorCommand.parse(statement).orElseThrow();
        if (command instanceof CursorCommand.Fetch fetch && !fetch.move()) {
            Portal portal = connection.extendedQuery().findPortal(fetch.name());
            List<Column> columns = portal == null || portal.cursor() == null ? null : portal.columns();
            return columns == null ? List.of() : columns;
        }
        return List.of();
    }

    private static void declare(PgConnection connection, CursorCommand.Declare declare, List<Object> parameters,
            boolean implicitBlock, String queryId) throws QueryException {
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
        if (!declare.hold() && !implicitBlock && status == TransactionStatus.IDLE) {
            throw new QueryException(SqlState.NO_ACTIVE_SQL_TRANSACTION,
                    "DECLARE CURSOR can only be used in transaction blocks");
        }
        if (!isReadOnlyQuery(declare.query())) {
            throw new QueryException(SqlState.INVALID_CURSOR_DEFINITION,
                    "a cursor is declared over a query that only reads: SELECT, VALUES, TABLE or WITH … SELECT",
                    declare.queryStart() + 1, null);
        }
        ExtendedQueryState state = connection.extendedQuery();
        // the cursor's query is another statement on the session: suspended portals close first
        state.closeSuspendedPortals(null);
        Portal cursor = Portal.declaredCursor(declare.name(), declare.query(), declare.hold(), parameters);
        CountDownLatch declared = new CountDownLatch(1);
        // created here, not on the worker, so giving up below can close it whatever the worker is doing
        PortalExecution execution = new PortalExecution(0, declared::countDown, state.suspendTimeout(), null);
        cursor.execution(execution);
        cursor.cursor().execution(execution);
        state.addCursor(cursor);
        try {
            connection.server().cursorWorkers().execute(() -> open(connection, cursor, queryId));
        } catch (RejectedExecutionException ex) {
            // no worker will run it: it is over before it began
            execution.finish();
            state.closePortal(cursor.name());
            throw new QueryException(SqlState.TOO_MANY_CONNECTIONS,
                    "too many open cursors on this server; close some first (statementThreads bounds them)");
        }
        try (StatementTimer ignored = StatementTimer.start(connection)) {
            awaitDeclared(declared, declareTimeout(connection, state));
        } catch (QueryException ex) {
            // the worker stops at its columns, or does not run the query at all
            execution.closeUnlessFinished(ex.sqlState(), ex.getMessage());
            state.closePortal(cursor.name());
            throw ex;
        }
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

    /**
     * How long a DECLARE waits for its query's columns: {@code statement_timeout} (and a second for its
     * cancel to arrive) when set, the suspend timeout at most.
     */
    private static Duration declareTimeout(PgConnection connection, ExtendedQueryState state) {
        long millis = StatementTimer.millis(connection.sessionParameters().get("statement_timeout"));
        Duration bound = state.suspendTimeout();
        return millis > 0 && millis + 1000 < bound.toMillis() ? Duration.ofMillis(millis + 1000) : bound;
    }

    /** Worker of the cursor: runs its query through the pipeline, suspending between fetches. */
    private static void open(PgConnection connection, Portal cursor, String queryId) {
        CursorSink sink = cursor.cursor();
        PortalExecution execution = sink.execution();
        try {
            if (execution.isClosed()) {
                // the DECLARE gave up before this worker started
                throw execution.closedError();
            }
            Session session = connection.session();
            QueryContext context = QueryContext.of(session, queryId, cursor.statement().sql(), sink)
                    .withParameters(cursor.parameters());
            connection.server().requirePipeline().execute(context);
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
        PortalExecution.State state = execution.state();
        if (state == PortalExecution.State.CLOSED) {
            throw execution.closedError();
        }
        if (state == PortalExecution.State.RUNNING) {
            throw new QueryException(SqlState.INTERNAL_ERROR, "internal error: the cursor is running");
        }
        QueryException earlier = cursor.failure();
        if (earlier != null) {
            // its error was reported by the FETCH it happened in; no row after it can be read
            throw new QueryException(SqlState.NOT_IN_PREREQUISITE_STATE, portal.describe()
                    + " cannot be read further: its query failed (" + earlier.sqlState() + ": " + earlier.getMessage() + ")");
        }
        CursorSink.Target target = new CursorSink.Target(fetch.move() ? null : sink);
        if (!fetch.move()) {
            sink.columns(portal.columns());
        }
        if (state == PortalExecution.State.FINISHED) {
            // no row is left
            return 0;
        }
        CountDownLatch fetched = new CountDownLatch(1);
        cursor.target(target);
        int limit = fetch.count() >= Integer.MAX_VALUE ? 0 : (int) fetch.count();
        if (!execution.resume(limit, fetched::countDown)) {
            // closed by its timeout just now
            throw execution.closedError();
        }
        try (StatementTimer ignored = StatementTimer.start(connection)) {
            await(fetched);
        }
        QueryException failure = cursor.failure();
        if (failure != null) {
            throw failure;
        }
        if (execution.isClosed()) {
            throw execution.closedError();
        }
        return target.rows();
    }

    private static void close(PgConnection connection, CursorCommand.Close close) throws QueryException {
        requireNotFailed(connection.transactionStatus());
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

    /** Words that make a WITH statement write: DuckDB runs {@code WITH … DELETE …}, PostgreSQL refuses it here. */
    private static final Set<String> WRITING = Set.of("insert", "update", "delete", "merge", "truncate", "copy");

    /**
     * What PostgreSQL accepts after FOR: a SELECT, VALUES or TABLE, possibly in parentheses, or a WITH whose
     * words (outside literals, quoted names and comments) include no writing keyword.
     */
    private static boolean isReadOnlyQuery(String query) {
        CursorCommand.Lexer lexer = new CursorCommand.Lexer(query);
        int start = lexer.skipSpace();
        if (start < query.length() && query.charAt(start) == '(') {
            return !StatementSplitter.containsWord(query, WRITING);
        }
        String first = lexer.peekKeyword();
        if (first.equals("with")) {
            return !StatementSplitter.containsWord(query, WRITING);
        }
        return first.equals("select") || first.equals("values") || first.equals("table");
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
     * Waits for the worker to announce the query's columns (or fail); gives up with {@code 57014} after
     * {@code timeout} (a cancel that reached the session before the query started is otherwise lost).
     */
    private static void awaitDeclared(CountDownLatch latch, Duration timeout) throws QueryException {
        try {
            if (!latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new QueryException(SqlState.QUERY_CANCELED,
                        "canceling statement: the cursor's query gave no result within " + timeout.toSeconds() + " s");
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

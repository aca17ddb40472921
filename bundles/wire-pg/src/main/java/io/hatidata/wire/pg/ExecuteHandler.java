package io.hatidata.wire.pg;

import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;

/**
 * Execute: runs a portal through the pipeline on the statement executor and streams its rows through a
 * {@link PortalSink}.
 *
 * <pre>
 *   rows, all or up to the limit → DataRow* CommandComplete
 *   row limit reached            → DataRow* PortalSuspended; the next Execute of the portal continues
 *   empty statement              → EmptyQueryResponse
 *   SET/RESET/SHOW of a session parameter → answered by {@link SessionParameterHandler}
 *   DECLARE/FETCH/MOVE/CLOSE of a cursor  → answered by {@link CursorHandler} (a FETCH ignores the row limit)
 *   failure                      → ErrorResponse, then everything is ignored until Sync
 * </pre>
 *
 * <p>A first Execute starts a {@link PortalExecution} whose worker ends the Execute either when the
 * statement completes or when it suspends at the row limit; the next Execute of a suspended portal hands
 * the new limit to that worker instead of starting another. A portal that ran to completion, or was closed
 * because another statement ran while it was suspended, cannot run again ({@code 55000}).
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY">
 *     PostgreSQL: Extended Query</a>
 */
final class ExecuteHandler {

    private ExecuteHandler() {}

    static void handle(PgConnection connection, FrontendMessage.Execute execute) {
        if (connection.ignoringTillSync()) {
            return;
        }
        try {
            Portal portal = connection.extendedQuery().portal(execute.portalName());
            if (portal.cursor() != null) {
                throw new QueryException(SqlState.FEATURE_NOT_SUPPORTED,
                        "cursor \"" + portal.name() + "\" was declared in SQL: read it with FETCH");
            }
            PortalExecution existing = portal.execution();
            if (existing != null) {
                resume(connection, portal, existing, execute.maxRows());
            } else if (portal.statement().isEmpty()) {
                connection.send(BackendMessages.emptyQueryResponse(connection.alloc()));
            } else {
                connection.offloadHandingOver(
                        end -> run(connection, portal, execute.maxRows(), end),
                        () -> ExtendedQueryErrors.sendBusy(connection));
            }
        } catch (QueryException ex) {
            ExtendedQueryErrors.send(connection, ex);
        }
    }

    /** Event loop: the next Execute of a portal that already ran. */
    private static void resume(PgConnection connection, Portal portal, PortalExecution execution, int maxRows)
            throws QueryException {
        switch (execution.state()) {
            case SUSPENDED -> {
                Runnable end = connection.pause();
                if (!execution.resume(maxRows, end)) {
                    // it timed out or was closed just now
                    end.run();
                    throw execution.closedError();
                }
            }
            case CLOSED -> throw execution.closedError();
            default -> throw new QueryException(SqlState.NOT_IN_PREREQUISITE_STATE,
                    "portal \"" + portal.name() + "\" cannot be run again: it has already run to completion");
        }
    }

    /** Statement executor: the first Execute of the portal. */
    private static void run(PgConnection connection, Portal portal, int maxRows, Runnable end) {
        String sql = portal.statement().sql();
        // a FETCH sends the rows it names: the Execute's row limit does not suspend it
        int limit = CursorCommand.isCursorCommand(sql) ? 0 : maxRows;
        PortalExecution execution = new PortalExecution(limit, end, connection.extendedQuery().suspendTimeout());
        portal.execution(execution);
        try {
            PortalSink sink = new PortalSink(connection, portal, execution);
            String queryId = connection.server().newId("qry_");
            if (CursorHandler.handle(connection, sql, portal.parameters(), false, sink, queryId)) {
                return;
            }
            connection.extendedQuery().closeSuspendedPortals(portal);
            if (!SessionParameterHandler.handle(connection, sql, sink)) {
                QueryContext context = QueryContext.of(connection.session(), queryId, sql, sink)
                        .withParameters(portal.parameters());
                // statement_timeout covers a statement run in one Execute; a cursor fetched in steps
                // (maxRows > 0) waits on its client between fetches and is bounded by the suspend timeout
                try (StatementTimer ignored = maxRows == 0 ? StatementTimer.start(connection) : null) {
                    connection.server().requirePipeline().execute(context);
                }
            }
        } catch (QueryException ex) {
            if (!execution.isClosed()) {
                ExtendedQueryErrors.send(connection, ex);
            }
        } catch (RuntimeException | LinkageError | StackOverflowError | AssertionError ex) {
            if (!execution.isClosed()) {
                ExtendedQueryErrors.sendDefect(connection, ex);
            }
        } finally {
            execution.finish();
        }
    }
}

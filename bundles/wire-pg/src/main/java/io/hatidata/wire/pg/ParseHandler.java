package io.hatidata.wire.pg;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import java.util.List;

/**
 * Parse: keeps the statement under its name and answers ParseComplete ('1'). The text must hold at most one
 * statement ({@code 42601} otherwise, as in PostgreSQL); nothing runs in the engine yet, so syntax and
 * catalog errors come at Describe or Execute. Runs on the event loop: it does no I/O.
 *
 * <pre>
 *   Parse(name, query, parameter type OIDs) → ParseComplete
 *   a named statement that exists           → 42P05 (the unnamed one is replaced)
 *   more than 1000 statements               → 53400
 * </pre>
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY">
 *     PostgreSQL: Extended Query</a>
 */
final class ParseHandler {

    private ParseHandler() {}

    static void handle(PgConnection connection, FrontendMessage.Parse parse) {
        if (connection.ignoringTillSync()) {
            return;
        }
        try {
            List<String> statements = StatementSplitter.split(parse.sql());
            if (statements.size() > 1) {
                throw new QueryException(SqlState.SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement");
            }
            String sql = statements.isEmpty() ? "" : statements.get(0);
            connection.extendedQuery().addStatement(
                    new PgPreparedStatement(parse.statementName(), sql, parse.parameterTypes()));
            connection.send(BackendMessages.parseComplete(connection.alloc()));
        } catch (QueryException ex) {
            ExtendedQueryErrors.send(connection, ex);
        }
    }
}

package io.hatidata.sql.parse;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;

/**
 * Refuses texts that the analysis and DuckDB would read as different statements, before either reads them:
 *
 * <ul>
 *   <li>more than one statement: the analysis reads one, DuckDB's JDBC driver runs them all (the wire's
 *       simple Query splits its text first; a REST request or a Parse carries one statement);
 *   <li>{@code //} outside literals and comments: Snowflake and Calcite read the rest of the line as a
 *       comment, DuckDB as integer division, so {@code SELECT 1 // 1, email FROM customers} would reach the
 *       engine as a query the policies never saw.
 * </ul>
 *
 * <p>Both are {@code 42601}. The text is lexed by DuckDB's rules ({@link Tokenizer}).
 */
public final class AmbiguousText {

    private AmbiguousText() {}

    /** Passes a text that holds one statement (a trailing semicolon allowed) and no {@code //}. */
    public static void refuse(String sql) throws QueryException {
        Token previous = null;
        boolean ended = false;
        for (Token each : Tokenizer.tokenize(sql)) {
            if (each.type() == Token.Type.SPACE) {
                previous = null;
                continue;
            }
            if (each.isSymbol(";")) {
                ended = true;
            } else if (ended) {
                throw new QueryException(SqlState.SYNTAX_ERROR, "cannot run several statements in one request:"
                        + " send them one at a time", each.start() + 1, null);
            }
            if (each.isSymbol("/") && previous != null && previous.isSymbol("/")) {
                throw new QueryException(SqlState.SYNTAX_ERROR, "'//' is not accepted: Snowflake reads it as the"
                        + " start of a comment and DuckDB as integer division; write -- for a comment",
                        previous.start() + 1, null);
            }
            previous = each;
        }
    }
}

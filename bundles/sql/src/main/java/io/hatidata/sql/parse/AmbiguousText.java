package io.hatidata.sql.parse;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import io.hatidata.api.sql.LeadingWords;

/**
 * Refuses texts that the analysis and DuckDB would read as different statements, before either reads them:
 *
 * <ul>
 *   <li>more than one statement: the analysis reads one, DuckDB's JDBC driver runs them all (the wire's
 *       simple Query splits its text first; a REST request or a Parse carries one statement);
 *   <li>{@code //} outside literals and comments: Snowflake and Calcite read the rest of the line as a
 *       comment, DuckDB as integer division, so {@code SELECT 1 // 1, email FROM customers} would reach the
 *       engine as a query the policies never saw;
 *   <li>a Unicode space outside literals, quoted names and comments ({@code DROP}, U+00A0, {@code TABLE}): DuckDB folds
 *       it into white space, Java reads a letter or a symbol.
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
            if (each.type() != Token.Type.STRING && each.type() != Token.Type.QUOTED && !isComment(each)) {
                refuseUnicodeSpace(each);
            }
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

    private static boolean isComment(Token token) {
        return token.type() == Token.Type.SPACE && (token.text().startsWith("--") || token.text().startsWith("/*"));
    }

    /** DuckDB reads some Unicode spaces as white space where Java (and so this analysis) reads other things. */
    private static void refuseUnicodeSpace(Token token) throws QueryException {
        String text = token.text();
        for (int i = 0; i < text.length(); i++) {
            if (LeadingWords.isUnicodeSpace(text.charAt(i))) {
                throw new QueryException(SqlState.SYNTAX_ERROR, String.format("a Unicode space character (U+%04X)"
                        + " outside a literal is not accepted: write an ASCII space", (int) text.charAt(i)),
                        token.start() + i + 1, null);
            }
        }
    }
}

package io.hatidata.sql.parse;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import io.hatidata.api.sql.SqlLexing;

/**
 * Refuses texts that the analysis and DuckDB would read as different statements, before either reads them:
 *
 * <ul>
 *   <li>more than one statement: the analysis reads one, DuckDB's JDBC driver runs them all (the wire's
 *       simple Query splits its text first; a REST request or a Parse carries one statement);
 *   <li>{@code //} outside literals and comments: Snowflake and Calcite read the rest of the line as a
 *       comment, DuckDB as integer division, so {@code SELECT 1 // 1, email FROM customers} would reach the
 *       engine as a query the policies never saw;
 *   <li>outside literals, quoted names and comments, a character the two lexers class differently: a
 *       Unicode space ({@code DROP}, U+00A0, {@code TABLE}: DuckDB folds it into white space), a non-ASCII
 *       character that is not a letter ({@code $×$}: a dollar quote to DuckDB), a control character;
 *   <li>a NUL anywhere: DuckDB stops reading there.
 * </ul>
 *
 * <p>Both are {@code 42601}. The text is lexed by DuckDB's rules ({@link Tokenizer}).
 */
public final class AmbiguousText {

    private AmbiguousText() {}

    /** Passes a text that holds one statement (a trailing semicolon allowed) and no {@code //}. */
    public static void refuse(String sql) throws QueryException {
        int nul = sql.indexOf('\0');
        if (nul >= 0) {
            // DuckDB stops reading at a NUL: the rest would be governed but not run
            throw new QueryException(SqlState.SYNTAX_ERROR, "a NUL character is not accepted in a statement", nul + 1,
                    null);
        }
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

    /**
     * Outside literals, quoted names and comments, only characters both lexers class alike: ASCII, and
     * non-ASCII letters (identifier characters to both). DuckDB folds some Unicode spaces into white space,
     * takes every other non-ASCII character (U+00D7, combining marks, U+0663) as an identifier or
     * dollar-tag character, and no control character but tab, line feed, carriage return and form feed as
     * space; Java reads each of them differently.
     */
    private static void refuseUnicodeSpace(Token token) throws QueryException {
        String text = token.text();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f';
            if (control || SqlLexing.isUnicodeSpace(c) || (c >= 0x80 && !Character.isLetter(c))
                    || (c >= 0x80 && token.type() == Token.Type.SPACE)) {
                throw new QueryException(SqlState.SYNTAX_ERROR, String.format("the character U+%04X outside a"
                        + " literal or quoted name is not accepted: DuckDB would read it differently from the"
                        + " policies", (int) c), token.start() + i + 1, null);
            }
        }
    }
}

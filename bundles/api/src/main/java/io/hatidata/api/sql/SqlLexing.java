package io.hatidata.api.sql;

/**
 * DuckDB's lexical rules (PostgreSQL's) for comments and white space, shared by every component that reads
 * SQL text before the engine does: the analysis, the key-scope classifier, the wire's statement splitter,
 * the result cache's key and the engine's catalog rewrite. Where any of them read a comment or a space
 * differently from DuckDB, a statement could hide words from the governance that DuckDB then ran.
 *
 * <ul>
 *   <li>{@code --} comments end at a line feed or a carriage return;
 *   <li>block comments nest ({@code /* /* *}{@code / still a comment *}{@code /});
 *   <li>white space is space, tab, line feed, carriage return, form feed, and the Unicode spaces DuckDB folds
 *       into a space (U+00A0, U+2000–U+200B, U+202F, U+205F, U+3000, U+FEFF); Java's
 *       {@code Character.isWhitespace} differs both ways.
 * </ul>
 *
 * @since 1.2.0
 */
public final class SqlLexing {

    private SqlLexing() {}

    /**
     * The end of a {@code --} comment whose text starts at {@code from} (just after the dashes): the index of
     * the line feed or carriage return that ends it, or the text's length.
     */
    public static int endOfLineComment(String sql, int from) {
        int i = from;
        while (i < sql.length() && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    /**
     * The end of a block comment whose text starts at {@code from} (just after its {@code /*}): the index
     * after the {@code *}{@code /} that closes it, nested comments counted, or the text's length.
     */
    public static int endOfBlockComment(String sql, int from) {
        int depth = 1;
        int i = from;
        while (i < sql.length() && depth > 0) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
            } else {
                i++;
            }
        }
        return Math.min(i, sql.length());
    }

    /** Whether DuckDB reads {@code c} as white space. */
    public static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || isUnicodeSpace(c);
    }

    /** The non-ASCII characters DuckDB reads as white space (see {@link #isSpace}). */
    public static boolean isUnicodeSpace(char c) {
        return c == '\u00a0' || (c >= '\u2000' && c <= '\u200b') || c == '\u202f' || c == '\u205f'
                || c == '\u3000' || c == '\ufeff';
    }
}

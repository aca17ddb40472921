package io.hatidata.wire.pg;

import io.hatidata.api.sql.SqlLexing;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits the text of a simple Query message into its statements at the semicolons that are outside
 * literals and comments. It knows PostgreSQL's lexical rules for what may contain a semicolon:
 *
 * <ul>
 *   <li>{@code '…'} strings, where {@code ''} is a quote (standard_conforming_strings is on, so a
 *       backslash is an ordinary character);
 *   <li>{@code E'…'} strings, where a backslash escapes the next character;
 *   <li>{@code "…"} quoted identifiers, where {@code ""} is a quote;
 *   <li>{@code $tag$…$tag$} dollar quotes, with an empty or identifier-like tag;
 *   <li>{@code --} comments up to the end of the line and {@code /* … *}{@code /} comments, which nest.
 * </ul>
 *
 * <p>Each statement is returned as the client wrote it (comments inside kept), without the semicolon and
 * surrounding white space. A statement that is empty or only white space and comments is dropped. An
 * unterminated literal or comment runs to the end of the text; the engine reports the syntax error.
 *
 * @see <a href="https://www.postgresql.org/docs/current/sql-syntax-lexical.html">PostgreSQL: Lexical
 *     Structure</a>
 */
final class StatementSplitter {

    private StatementSplitter() {}

    /** The statements of a query string, in order; empty when it holds none. */
    static List<String> split(String sql) {
        List<String> result = new ArrayList<>();
        int length = sql.length();
        int start = 0;
        boolean significant = false;
        int i = 0;
        while (i < length) {
            char c = sql.charAt(i);
            char next = i + 1 < length ? sql.charAt(i + 1) : '\0';
            if (c == ';') {
                addStatement(result, sql, start, i, significant);
                start = i + 1;
                significant = false;
                i++;
            } else if (c == '-' && next == '-') {
                i = SqlLexing.endOfLineComment(sql, i + 2);
            } else if (c == '/' && next == '*') {
                i = SqlLexing.endOfBlockComment(sql, i + 2);
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                significant = true;
                i = skipToken(sql, i);
            }
        }
        addStatement(result, sql, start, length, significant);
        return result;
    }

    /**
     * Whether one of {@code words} (lower case) is a word of the text, outside literals, quoted identifiers
     * and comments; matched ignoring case.
     */
    static boolean containsWord(String sql, Set<String> words) {
        int length = sql.length();
        int i = 0;
        while (i < length) {
            char c = sql.charAt(i);
            char next = i + 1 < length ? sql.charAt(i + 1) : '\0';
            if (c == '-' && next == '-') {
                i = SqlLexing.endOfLineComment(sql, i + 2);
            } else if (c == '/' && next == '*') {
                i = SqlLexing.endOfBlockComment(sql, i + 2);
            } else {
                int end = skipToken(sql, i);
                if (isIdentifierStart(c) && end > i && sql.charAt(end - 1) != '\''
                        && words.contains(sql.substring(i, end).toLowerCase(Locale.ROOT))) {
                    return true;
                }
                i = Math.max(end, i + 1);
            }
        }
        return false;
    }

    private static void addStatement(List<String> statements, String sql, int start, int end, boolean significant) {
        if (significant) {
            statements.add(sql.substring(start, end).strip());
        }
    }

    /** Skips one significant token starting at {@code i}; returns the index after it. */
    private static int skipToken(String sql, int i) {
        char c = sql.charAt(i);
        if (c == '\'') {
            return SqlLexing.endOfString(sql, i + 1, false);
        } else if (c == '"') {
            return SqlLexing.endOfQuoted(sql, i + 1, '"');
        } else if (c == '$') {
            // a dollar quote if a tag starts here, else a lone $ (the $1 of a parameter)
            int tag = SqlLexing.dollarTagLength(sql, i);
            return tag == 0 ? i + 1 : SqlLexing.endOfDollarQuote(sql, i, tag);
        } else if (isIdentifierStart(c)) {
            int end = i + 1;
            while (end < sql.length() && isIdentifierPart(sql.charAt(end))) {
                end++;
            }
            boolean escapePrefix = end == i + 1 && (c == 'E' || c == 'e');
            if (escapePrefix && end < sql.length() && sql.charAt(end) == '\'') {
                return SqlLexing.endOfString(sql, end + 1, true);
            }
            return end;
        }
        return i + 1;
    }

    /** Identifiers and key words start with a letter (any alphabet) or an underscore. */
    static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c >= 0x80;
    }

    /** After the first character they may also hold digits and dollar signs. */
    static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || Character.isDigit(c) || c == '$';
    }
}

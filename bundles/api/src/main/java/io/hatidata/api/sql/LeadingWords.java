package io.hatidata.api.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The first words of a statement, as DuckDB's lexer separates them: white space and comments between them
 * ({@code --} up to a line feed or carriage return, block comments nested) are skipped, so
 * {@code /* /* *}{@code / *}{@code / CREATE/**}{@code /VIEW} starts with {@code CREATE VIEW}. For checks
 * on what a statement is by its leading keywords ({@code CREATE [OR REPLACE] [TEMP] VIEW},
 * {@code DROP}, {@code TRUNCATE}) that a comment must not hide.
 *
 * @since 1.2.0
 */
public final class LeadingWords {

    private LeadingWords() {}

    /**
     * Up to {@code max} words from the start, upper-cased; stops at the first character that is neither a
     * word's, white space nor in a comment.
     */
    public static List<String> of(String sql, int max) {
        List<String> result = new ArrayList<>();
        int i = 0;
        int length = sql.length();
        while (i < length && result.size() < max) {
            char c = sql.charAt(i);
            if (isSpace(c) || Character.isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("--", i)) {
                while (i < length && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
                    i++;
                }
            } else if (sql.startsWith("/*", i)) {
                i = afterBlockComment(sql, i);
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < length && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                        || sql.charAt(i) == '$')) {
                    i++;
                }
                result.add(sql.substring(start, i).toUpperCase(Locale.ROOT));
            } else {
                break;
            }
        }
        return result;
    }

    /**
     * Whether DuckDB's lexer reads {@code c} as white space: ASCII space, tab, line feed, carriage return,
     * form feed, and the Unicode spaces it folds (no-break space U+00A0, U+2000–U+200B, U+202F, U+205F,
     * U+3000, the byte-order mark U+FEFF). Java's {@code Character.isWhitespace} differs both ways.
     */
    public static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || isUnicodeSpace(c);
    }

    /** The non-ASCII characters DuckDB reads as white space (see {@link #isSpace}). */
    public static boolean isUnicodeSpace(char c) {
        return c == '\u00a0' || (c >= '\u2000' && c <= '\u200b') || c == '\u202f' || c == '\u205f'
                || c == '\u3000' || c == '\ufeff';
    }

    /** The first word, upper-cased, or empty. */
    public static String first(String sql) {
        List<String> words = of(sql, 1);
        return words.isEmpty() ? "" : words.get(0);
    }

    private static int afterBlockComment(String sql, int start) {
        int depth = 0;
        int i = start;
        do {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
            } else {
                i++;
            }
        } while (depth > 0 && i < sql.length());
        return Math.min(i, sql.length());
    }
}

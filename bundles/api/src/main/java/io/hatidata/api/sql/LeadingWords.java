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
            if (SqlLexing.isSpace(c) || Character.isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("--", i)) {
                i = SqlLexing.endOfLineComment(sql, i + 2);
            } else if (sql.startsWith("/*", i)) {
                i = SqlLexing.endOfBlockComment(sql, i + 2);
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

    /** The first word, upper-cased, or empty. */
    public static String first(String sql) {
        List<String> words = of(sql, 1);
        return words.isEmpty() ? "" : words.get(0);
    }
}

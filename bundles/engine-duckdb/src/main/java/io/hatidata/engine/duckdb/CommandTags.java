package io.hatidata.engine.duckdb;

import java.util.Locale;
import java.util.Set;

/**
 * The PostgreSQL command tag of a statement (CommandComplete), from its leading keywords and row count:
 * {@code SELECT 3}, {@code INSERT 0 2}, {@code UPDATE 1}, {@code CREATE TABLE}, {@code BEGIN}, …
 */
final class CommandTags {
    /** Statements whose tag is the first two keywords, as PostgreSQL reports them. */
    private static final Set<String> TWO_WORD_VERBS = Set.of("CREATE", "DROP", "ALTER");
    private static final Set<String> OBJECT_MODIFIERS =
            Set.of("OR", "REPLACE", "TEMP", "TEMPORARY", "UNIQUE", "IF", "NOT", "EXISTS", "PERSISTENT");

    private CommandTags() {}

    /** The tag of a statement that returned rows. */
    static String forRows(long rowCount) {
        return "SELECT " + rowCount;
    }

    /** The tag of a statement that returned no rows; {@code updateCount} is -1 when it counts nothing. */
    static String forUpdate(String sql, long updateCount) {
        String[] words = leadingWords(sql, 6);
        if (words.length == 0) {
            return "";
        }
        String verb = words[0];
        long count = Math.max(updateCount, 0);
        return switch (verb) {
            case "INSERT" -> "INSERT 0 " + count;
            case "UPDATE", "DELETE", "MERGE", "COPY" -> verb + " " + count;
            case "BEGIN", "START" -> "BEGIN";
            case "COMMIT", "END" -> "COMMIT";
            case "ROLLBACK", "ABORT" -> "ROLLBACK";
            case "SELECT", "WITH", "VALUES", "TABLE", "FROM" -> "SELECT " + count;
            default -> TWO_WORD_VERBS.contains(verb) ? verb + " " + objectKind(words) : verb;
        };
    }

    private static String objectKind(String[] words) {
        for (int i = 1; i < words.length; i++) {
            if (!OBJECT_MODIFIERS.contains(words[i])) {
                return words[i];
            }
        }
        return "";
    }

    /** Up to {@code max} leading keywords, upper-cased, after skipping comments and whitespace. */
    static String[] leadingWords(String sql, int max) {
        String text = stripLeadingComments(sql);
        String[] parts = text.split("[^A-Za-z_]+", max + 1);
        int count = 0;
        String[] result = new String[Math.min(max, parts.length)];
        for (String each : parts) {
            if (count == result.length) {
                break;
            }
            if (!each.isEmpty()) {
                result[count++] = each.toUpperCase(Locale.ROOT);
            }
        }
        return java.util.Arrays.copyOf(result, count);
    }

    private static String stripLeadingComments(String sql) {
        int i = 0;
        int length = sql.length();
        while (i < length) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? length : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? length : end + 2;
            } else {
                break;
            }
        }
        return sql.substring(i);
    }
}

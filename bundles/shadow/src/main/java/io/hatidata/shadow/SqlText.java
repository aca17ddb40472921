package io.hatidata.shadow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the shadow stage needs to know about a statement's text, read outside literals, quoted names and
 * comments: its first word, whether it has an {@code ORDER BY}, and the {@code $n} parameter markers
 * turned into JDBC's {@code ?}.
 */
final class SqlText {
    private static final Set<String> READS = Set.of("select", "with", "values", "table", "show", "explain");
    private static final Set<String> SESSION = Set.of("set", "reset", "begin", "start", "commit", "rollback", "end",
            "savepoint", "release", "discard", "deallocate", "prepare", "listen", "unlisten");

    /** The statement with {@code $n} markers replaced by {@code ?}, and the parameter index of each marker. */
    record Jdbc(String sql, List<Integer> markers) {}

    private SqlText() {}

    /** The code of the statement: the text with literals, quoted names and comments blanked out, lower case. */
    static String code(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = closing(sql, i, c);
                out.append(" ".repeat(end - i));
                i = end;
            } else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? sql.length() : end;
                out.append(" ".repeat(end - i));
                i = end;
            } else if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? sql.length() : end + 2;
                out.append(" ".repeat(end - i));
                i = end;
            } else {
                out.append(Character.toLowerCase(c));
                i++;
            }
        }
        return out.toString();
    }

    static String firstWord(String sql) {
        String code = code(sql).trim();
        while (code.startsWith("(")) {
            code = code.substring(1).trim();
        }
        int end = 0;
        while (end < code.length() && Character.isLetter(code.charAt(end))) {
            end++;
        }
        return code.substring(0, end).toLowerCase(Locale.ROOT);
    }

    /** Reads only (sampling may skip it on HatiData). Anything else may write and always runs on both. */
    static boolean reads(String sql) {
        String code = code(sql);
        return READS.contains(firstWord(sql)) && !code.matches("(?s).*\\b(insert|update|delete|merge|create|drop|alter|copy)\\b.*");
    }

    /** Session and transaction commands: run on both, never compared. */
    static boolean sessionCommand(String sql) {
        return SESSION.contains(firstWord(sql));
    }

    /** Whether the statement orders its result (then rows are compared in order). */
    static boolean ordered(String sql) {
        return code(sql).matches("(?s).*\\border\\s+by\\b.*");
    }

    /** The statement for a JDBC {@code PreparedStatement}: {@code $n} outside literals becomes {@code ?}. */
    static Jdbc jdbc(String sql) {
        String code = code(sql);
        StringBuilder out = new StringBuilder(sql.length());
        List<Integer> markers = new ArrayList<>();
        int i = 0;
        while (i < sql.length()) {
            char c = code.charAt(i);
            boolean marker = c == '$' && i + 1 < sql.length() && Character.isDigit(code.charAt(i + 1))
                    && (i == 0 || !Character.isLetterOrDigit(code.charAt(i - 1)) && code.charAt(i - 1) != '_');
            if (marker) {
                int end = i + 1;
                while (end < sql.length() && Character.isDigit(code.charAt(end))) {
                    end++;
                }
                markers.add(Integer.parseInt(sql.substring(i + 1, end)));
                out.append('?');
                i = end;
            } else {
                if (code.charAt(i) == '?') {
                    // a literal question mark outside quotes would be taken for a parameter by JDBC
                    out.append("??");
                } else {
                    out.append(sql.charAt(i));
                }
                i++;
            }
        }
        return new Jdbc(out.toString(), List.copyOf(markers));
    }

    private static int closing(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }
}

package io.hatidata.controlplane;

import java.util.Locale;
import java.util.Set;

/**
 * Decides conservatively whether SQL text may change anything: it does when any of its words (outside
 * string literals, quoted identifiers and comments) is a writing keyword. Read-only keys are judged by
 * this, so a false "writes" (for example {@code SELECT … FOR UPDATE}) only asks for the wider scope,
 * while a statement that writes can never pass as a read.
 */
final class StatementClassifier {
    private static final Set<String> WRITING = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "CREATE",
            "DROP", "ALTER", "TRUNCATE", "COPY", "ATTACH", "DETACH", "INSTALL", "LOAD", "IMPORT", "EXPORT", "CALL",
            "PRAGMA", "VACUUM", "CHECKPOINT", "GRANT", "REVOKE", "COMMENT", "RENAME", "REINDEX", "CLUSTER", "DO",
            "EXECUTE", "PREPARE", "DEALLOCATE", "LOCK", "REFRESH", "SECRET", "USE");

    /** The words that change the schema (SPEC §2.1.1 "Modify schema"). */
    private static final Set<String> SCHEMA = Set.of("CREATE", "DROP", "ALTER", "RENAME", "COMMENT", "ATTACH", "DETACH");

    private StatementClassifier() {}

    /** Whether any word of the statement may write data or schema. */
    static boolean writes(String sql) {
        return contains(sql, WRITING);
    }

    /** Whether any word of the statement may change the schema. */
    static boolean changesSchema(String sql) {
        return contains(sql, SCHEMA);
    }

    private static boolean contains(String sql, Set<String> words) {
        int i = 0;
        int length = sql.length();
        while (i < length) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? length : end + 1;
            } else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? length : end + 2;
            } else if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(sql, i, c);
            } else if (c == '$' && i + 1 < length && sql.charAt(i + 1) == '$') {
                int end = sql.indexOf("$$", i + 2);
                i = end < 0 ? length : end + 2;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < length && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                    i++;
                }
                if (words.contains(sql.substring(start, i).toUpperCase(Locale.ROOT))) {
                    return true;
                }
            } else {
                i++;
            }
        }
        return false;
    }

    private static int skipQuoted(String sql, int start, char quote) {
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

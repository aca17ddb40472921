package io.hatidata.controlplane;

import io.hatidata.api.sql.SqlLexing;
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

    /**
     * Whether a word of the text outside literals, quoted names and comments is one of {@code words}. The
     * text is read as DuckDB's (PostgreSQL's) lexer reads it, or a word DuckDB runs could hide in what
     * looks like a literal here: {@code --} comments end at a line feed or a carriage return, block
     * comments nest, {@code '…'} strings know no backslash escape while {@code E'…'} strings do,
     * {@code $tag$…$tag$} quotes, and a backtick is an ordinary character.
     */
    private static boolean contains(String sql, Set<String> words) {
        int i = 0;
        int length = sql.length();
        while (i < length) {
            char c = sql.charAt(i);
            char next = i + 1 < length ? sql.charAt(i + 1) : '\0';
            if (c == '-' && next == '-') {
                i = SqlLexing.endOfLineComment(sql, i + 2);
            } else if (c == '/' && next == '*') {
                i = SqlLexing.endOfBlockComment(sql, i + 2);
            } else if (c == '\'') {
                i = SqlLexing.endOfString(sql, i + 1, false);
            } else if (c == '"') {
                i = SqlLexing.endOfQuoted(sql, i + 1, '"');
            } else if (c == '$' && SqlLexing.dollarTagLength(sql, i) > 0) {
                i = SqlLexing.endOfDollarQuote(sql, i, SqlLexing.dollarTagLength(sql, i));
            } else if (isWordStart(c)) {
                int start = i;
                while (i < length && isWordPart(sql.charAt(i))) {
                    i++;
                }
                if (i == start + 1 && (c == 'E' || c == 'e') && i < length && sql.charAt(i) == '\'') {
                    i = SqlLexing.endOfString(sql, i + 1, true);
                } else if (words.contains(sql.substring(start, i).toUpperCase(Locale.ROOT))) {
                    return true;
                }
            } else {
                i++;
            }
        }
        return false;
    }

    /** Letters, {@code _} and other non-ASCII characters, but not the Unicode spaces DuckDB reads as space. */
    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_' || (c >= 0x80 && !SqlLexing.isUnicodeSpace(c));
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || Character.isDigit(c) || c == '$';
    }
}

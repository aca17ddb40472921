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
                i = endOfString(sql, i + 1, false);
            } else if (c == '"') {
                i = endOfString(sql, i + 1, '"');
            } else if (c == '$' && dollarTag(sql, i) > 0) {
                i = endOfDollarQuote(sql, i, dollarTag(sql, i));
            } else if (isWordStart(c)) {
                int start = i;
                while (i < length && isWordPart(sql.charAt(i))) {
                    i++;
                }
                if (i == start + 1 && (c == 'E' || c == 'e') && i < length && sql.charAt(i) == '\'') {
                    i = endOfString(sql, i + 1, true);
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

    /** From just after an opening single quote; {@code ''} is a quote, a backslash escapes when asked. */
    private static int endOfString(String sql, int from, boolean backslashEscapes) {
        int i = from;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == '\'') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** From just after an opening {@code quote}; the quote doubled is one. */
    private static int endOfString(String sql, int from, char quote) {
        int i = from;
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

    /** The length of a dollar-quote tag ({@code $$} or {@code $name$}) at {@code at}, else 0. */
    private static int dollarTag(String sql, int at) {
        int i = at + 1;
        if (i < sql.length() && sql.charAt(i) != '$') {
            if (!(Character.isLetter(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) >= 0x80)) {
                return 0;
            }
            while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                    || sql.charAt(i) >= 0x80)) {
                i++;
            }
        }
        return i < sql.length() && sql.charAt(i) == '$' ? i + 1 - at : 0;
    }

    private static int endOfDollarQuote(String sql, int at, int tagLength) {
        String tag = sql.substring(at, at + tagLength);
        int end = sql.indexOf(tag, at + tagLength);
        return end < 0 ? sql.length() : end + tagLength;
    }
}

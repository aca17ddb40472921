package io.hatidata.resultcache;

import io.hatidata.api.sql.SqlLexing;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One pass over a statement's text that knows literals ({@code '…'} with {@code ''}, {@code E'…'} with
 * backslash escapes, {@code $tag$…$tag$}), quoted identifiers ({@code "…"}) and comments ({@code --},
 * nested {@code /* … *}{@code /}): it yields the normalized text (comments dropped, runs of white space
 * outside literals and quoted identifiers made one space, no trailing semicolons) and the bare words in
 * order, each marked when a {@code (} follows it (a function call).
 */
final class SqlText {
    /** A bare word (lower case) and whether it is called. */
    record Word(String text, boolean called) {}

    private final String normalized;
    private final List<Word> words;

    private SqlText(String normalized, List<Word> words) {
        this.normalized = normalized;
        this.words = words;
    }

    String normalized() {
        return normalized;
    }

    List<Word> words() {
        return words;
    }

    /** The first bare word, lower case, or empty. */
    String firstWord() {
        return words.isEmpty() ? "" : words.get(0).text();
    }

    static SqlText scan(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        List<Word> words = new ArrayList<>();
        int pendingWord = -1;
        String pendingText = null;
        boolean space = false;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
                i++;
                continue;
            }
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                i = SqlLexing.endOfLineComment(sql, i + 2);
                space = true;
                continue;
            }
            if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = SqlLexing.endOfBlockComment(sql, i + 2);
                space = true;
                continue;
            }
            if (space && out.length() > 0) {
                out.append(' ');
            }
            space = false;
            if (pendingText != null) {
                words.add(new Word(pendingText, c == '('));
                pendingText = null;
            }
            int start = i;
            if (c == '\'') {
                i = skipQuoted(sql, i, '\'', false);
            } else if ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\''
                    && (i == 0 || !isWordPart(sql.charAt(i - 1)))) {
                i = skipQuoted(sql, i + 1, '\'', true);
            } else if (c == '"') {
                i = skipQuoted(sql, i, '"', false);
            } else if (c == '$' && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                int end = sql.indexOf(tag, i + tag.length());
                i = end < 0 ? n : end + tag.length();
            } else if (isWordStart(c)) {
                while (i < n && isWordPart(sql.charAt(i))) {
                    i++;
                }
                pendingText = sql.substring(start, i).toLowerCase(Locale.ROOT);
            } else {
                i++;
            }
            out.append(sql, start, i);
        }
        if (pendingText != null) {
            words.add(new Word(pendingText, false));
        }
        int end = out.length();
        while (end > 0 && (out.charAt(end - 1) == ';' || out.charAt(end - 1) == ' ')) {
            end--;
        }
        out.setLength(end);
        return new SqlText(out.toString(), List.copyOf(words));
    }

    /** The index after the closing quote (a doubled quote is part of the text; backslash escapes if asked). */
    private static int skipQuoted(String sql, int open, char quote, boolean backslashes) {
        int i = open + 1;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (backslashes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    /** The dollar-quote tag ({@code $$} or {@code $name$}) starting here, else {@code null}. */
    private static String dollarTag(String sql, int at) {
        if (at > 0 && isWordPart(sql.charAt(at - 1))) {
            return null;
        }
        int i = at + 1;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        if (i < sql.length() && sql.charAt(i) == '$' && (i == at + 1 || !Character.isDigit(sql.charAt(at + 1)))) {
            return sql.substring(at, i + 1);
        }
        return null;
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}

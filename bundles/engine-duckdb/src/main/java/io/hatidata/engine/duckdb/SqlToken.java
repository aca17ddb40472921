package io.hatidata.engine.duckdb;

import io.hatidata.api.sql.SqlLexing;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A lexical token of PostgreSQL-flavoured SQL, enough to rewrite statements without touching string
 * literals, quoted identifiers or comments. Concatenating the tokens' texts gives back the input exactly.
 */
record SqlToken(Kind kind, String text) {
    enum Kind { WHITESPACE, COMMENT, STRING, QUOTED_IDENTIFIER, WORD, NUMBER, PARAMETER, PUNCT }

    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";

    boolean isTrivia() {
        return kind == Kind.WHITESPACE || kind == Kind.COMMENT;
    }

    boolean isWord(String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    boolean isPunct(String punct) {
        return kind == Kind.PUNCT && text.equals(punct);
    }

    String lower() {
        return text.toLowerCase(Locale.ROOT);
    }

    /** Splits {@code sql} into tokens; an unterminated literal or comment runs to the end. */
    static List<SqlToken> scan(String sql) {
        List<SqlToken> tokens = new ArrayList<>();
        int length = sql.length();
        int i = 0;
        while (i < length) {
            char c = sql.charAt(i);
            int end;
            Kind kind;
            if (Character.isWhitespace(c)) {
                end = i + 1;
                while (end < length && Character.isWhitespace(sql.charAt(end))) {
                    end++;
                }
                kind = Kind.WHITESPACE;
            } else if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
                // as DuckDB reads it: a carriage return ends the comment too
                end = SqlLexing.endOfLineComment(sql, i + 2);
                kind = Kind.COMMENT;
            } else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
                end = SqlLexing.endOfBlockComment(sql, i + 2);
                kind = Kind.COMMENT;
            } else if (c == '\'') {
                end = quoted(sql, i, '\'', false);
                kind = Kind.STRING;
            } else if ((c == 'E' || c == 'e') && i + 1 < length && sql.charAt(i + 1) == '\'') {
                end = quoted(sql, i + 1, '\'', true);
                kind = Kind.STRING;
            } else if (c == '"') {
                end = quoted(sql, i, '"', false);
                kind = Kind.QUOTED_IDENTIFIER;
            } else if (c == '$') {
                end = dollar(sql, i);
                kind = end > i + 1 && Character.isDigit(sql.charAt(i + 1)) ? Kind.PARAMETER : Kind.STRING;
            } else if (Character.isLetter(c) || c == '_') {
                end = i + 1;
                while (end < length && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
                        || sql.charAt(end) == '$')) {
                    end++;
                }
                kind = Kind.WORD;
            } else if (Character.isDigit(c)) {
                end = i + 1;
                while (end < length && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '.')) {
                    end++;
                }
                kind = Kind.NUMBER;
            } else if (c == ':') {
                end = i + 1 < length && sql.charAt(i + 1) == ':' ? i + 2 : i + 1;
                kind = Kind.PUNCT;
            } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
                end = i + 1;
                while (end < length && OPERATOR_CHARS.indexOf(sql.charAt(end)) >= 0
                        && !sql.startsWith("--", end) && !sql.startsWith("/*", end)) {
                    end++;
                }
                kind = Kind.PUNCT;
            } else {
                end = i + 1;
                kind = Kind.PUNCT;
            }
            tokens.add(new SqlToken(kind, sql.substring(i, end)));
            i = end;
        }
        return tokens;
    }

    private static int quoted(String sql, int open, char quote, boolean backslashEscapes) {
        int i = open + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
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

    private static int dollar(String sql, int start) {
        int i = start + 1;
        if (i < sql.length() && Character.isDigit(sql.charAt(i))) {
            while (i < sql.length() && Character.isDigit(sql.charAt(i))) {
                i++;
            }
            return i;
        }
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        if (i >= sql.length() || sql.charAt(i) != '$') {
            return start + 1;
        }
        String tag = sql.substring(start, i + 1);
        int close = sql.indexOf(tag, i + 1);
        return close < 0 ? sql.length() : close + tag.length();
    }
}

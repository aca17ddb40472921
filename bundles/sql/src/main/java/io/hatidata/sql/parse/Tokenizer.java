package io.hatidata.sql.parse;

import io.hatidata.sql.parse.Token.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a statement into {@link Token}s: string literals ({@code 'it''s'}, {@code $$…$$}), quoted
 * identifiers, comments ({@code --}, {@code /* *}{@code /}), numbers, {@code $n} parameters, words and
 * symbols. Never fails: an unterminated literal or comment runs to the end of the text, so the parser
 * reports it.
 */
public final class Tokenizer {
    private static final String TWO_CHAR_SYMBOLS = "::|=>|<=|>=|<>|!=|||->|<=>";

    private Tokenizer() {}

    /** The tokens of a statement, including spaces and comments, covering the whole text. */
    public static List<Token> tokenize(String sql) {
        List<Token> result = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int end;
            Type type;
            if (Character.isWhitespace(c)) {
                end = i + 1;
                while (end < n && Character.isWhitespace(sql.charAt(end))) {
                    end++;
                }
                type = Type.SPACE;
            } else if (c == '-' && at(sql, i + 1, '-')) {
                end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                type = Type.SPACE;
            } else if (c == '/' && at(sql, i + 1, '*') && !at(sql, i + 2, '+')) {
                end = sql.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                type = Type.SPACE;
            } else if (c == '\'') {
                end = quoted(sql, i, '\'');
                type = Type.STRING;
            } else if (c == '"') {
                end = quoted(sql, i, '"');
                type = Type.QUOTED;
            } else if (c == '$' && at(sql, i + 1, '$')) {
                end = sql.indexOf("$$", i + 2);
                end = end < 0 ? n : end + 2;
                type = Type.STRING;
            } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
                end = i + 1;
                while (end < n && Character.isDigit(sql.charAt(end))) {
                    end++;
                }
                type = Type.PARAMETER;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                end = number(sql, i);
                type = Type.NUMBER;
            } else if (Character.isLetter(c) || c == '_') {
                end = i + 1;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_' || sql.charAt(end) == '$')) {
                    end++;
                }
                type = Type.WORD;
            } else {
                end = i + symbolLength(sql, i);
                type = Type.SYMBOL;
            }
            result.add(new Token(type, sql.substring(i, end), i));
            i = end;
        }
        return result;
    }

    private static boolean at(String sql, int index, char c) {
        return index < sql.length() && sql.charAt(index) == c;
    }

    private static int quoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == quote) {
                if (at(sql, i + 1, quote)) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            if (c == '\\' && quote == '\'') {
                i += 2;
                continue;
            }
            i++;
        }
        return sql.length();
    }

    private static int number(String sql, int start) {
        int i = start;
        int n = sql.length();
        while (i < n && (Character.isDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
            i++;
        }
        if (i < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (sql.charAt(j) == '+' || sql.charAt(j) == '-')) {
                j++;
            }
            if (j < n && Character.isDigit(sql.charAt(j))) {
                i = j;
                while (i < n && Character.isDigit(sql.charAt(i))) {
                    i++;
                }
            }
        }
        return i;
    }

    private static int symbolLength(String sql, int i) {
        if (sql.startsWith("<=>", i)) {
            return 3;
        }
        if (i + 1 < sql.length()) {
            String two = sql.substring(i, i + 2);
            for (String each : TWO_CHAR_SYMBOLS.split("\\|", -1)) {
                if (!each.isEmpty() && each.equals(two)) {
                    return 2;
                }
            }
            if (two.equals("||")) {
                return 2;
            }
        }
        return 1;
    }
}

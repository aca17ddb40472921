package io.hatidata.sql.parse;

import io.hatidata.api.sql.SqlLexing;
import io.hatidata.sql.parse.Token.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a statement into {@link Token}s: string literals ({@code 'it''s'}, {@code E'it\'s'},
 * {@code $$…$$}, {@code $tag$…$tag$}), quoted identifiers, comments ({@code --} to a line feed or carriage return,
 * {@code /* *}{@code /} nested, hints too), numbers, {@code $n} parameters, words and symbols, by DuckDB's lexical
 * rules: the governance stages must read the statement as the engine will. Never fails: an unterminated
 * literal or comment runs to the end of the text, so the parser reports it.
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
                end = SqlLexing.endOfLineComment(sql, i + 2);
                type = Type.SPACE;
            } else if (c == '/' && at(sql, i + 1, '*')) {
                // hints (/*+ … */) included: DuckDB reads them as comments
                end = SqlLexing.endOfBlockComment(sql, i + 2);
                type = Type.SPACE;
            } else if (c == '\'') {
                end = quoted(sql, i, '\'', false);
                type = Type.STRING;
            } else if ((c == 'E' || c == 'e') && at(sql, i + 1, '\'')) {
                end = quoted(sql, i + 1, '\'', true);
                type = Type.STRING;
            } else if (c == '"') {
                end = quoted(sql, i, '"', false);
                type = Type.QUOTED;
            } else if (c == '$' && dollarTag(sql, i) > 0) {
                int tag = dollarTag(sql, i);
                end = sql.indexOf(sql.substring(i, i + tag), i + tag);
                end = end < 0 ? n : end + tag;
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

    /**
     * From the opening quote at {@code start} to just after the closing one; the quote doubled is one. A
     * backslash escapes only in {@code E'…'} strings: in {@code '…'} it is an ordinary character, as DuckDB
     * (and PostgreSQL with standard_conforming_strings) reads it; the analysis must see the statement the
     * engine runs.
     */
    private static int quoted(String sql, int start, char quote, boolean backslashEscapes) {
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
            if (backslashEscapes && c == '\\') {
                i += 2;
                continue;
            }
            i++;
        }
        return sql.length();
    }

    /**
     * The length of a dollar-quote tag at {@code at} ({@code $$} or {@code $tag$}, the tag an identifier
     * without {@code $}), else 0: {@code $1} is a parameter and a {@code $} inside a word belongs to it.
     */
    private static int dollarTag(String sql, int at) {
        if (at > 0 && (Character.isLetterOrDigit(sql.charAt(at - 1)) || sql.charAt(at - 1) == '_')) {
            return 0;
        }
        int i = at + 1;
        if (i < sql.length() && (Character.isLetter(sql.charAt(i)) || sql.charAt(i) == '_')) {
            while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                i++;
            }
        }
        return i < sql.length() && sql.charAt(i) == '$' ? i + 1 - at : 0;
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

package io.hatidata.api.sql;

/**
 * DuckDB's lexical rules (PostgreSQL's) for comments, white space and quotes, shared by every component that reads
 * SQL text before the engine does: the analysis, the key-scope classifier, the wire's statement splitter,
 * the result cache's key and the engine's catalog rewrite. Where any of them read a comment or a space
 * differently from DuckDB, a statement could hide words from the governance that DuckDB then ran.
 *
 * <ul>
 *   <li>{@code --} comments end at a line feed or a carriage return;
 *   <li>block comments nest ({@code /* /* *}{@code / still a comment *}{@code /});
 *   <li>{@code '…'} strings know no backslash escape, {@code E'…'} strings do; a doubled quote is one;
 *   <li>dollar quotes: {@code $$…$$} and {@code $tag$…$tag$}, the tag an identifier without {@code $};
 *   <li>white space is space, tab, line feed, carriage return, form feed, and the Unicode spaces DuckDB folds
 *       into a space (U+00A0, U+2000–U+200B, U+202F, U+205F, U+3000, U+FEFF); Java's
 *       {@code Character.isWhitespace} differs both ways.
 * </ul>
 *
 * @since 1.2.0
 */
public final class SqlLexing {

    private SqlLexing() {}

    /**
     * The end of a {@code --} comment whose text starts at {@code from} (just after the dashes): the index of
     * the line feed or carriage return that ends it, or the text's length.
     */
    public static int endOfLineComment(String sql, int from) {
        int i = from;
        while (i < sql.length() && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    /**
     * The end of a block comment whose text starts at {@code from} (just after its {@code /*}): the index
     * after the {@code *}{@code /} that closes it, nested comments counted, or the text's length.
     */
    public static int endOfBlockComment(String sql, int from) {
        int depth = 1;
        int i = from;
        while (i < sql.length() && depth > 0) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
            } else {
                i++;
            }
        }
        return Math.min(i, sql.length());
    }

    /**
     * The end of a {@code '…'} literal whose text starts at {@code from} (just after the opening quote): the
     * index after its closing quote ({@code ''} is a quote inside it; a backslash escapes the next character
     * when {@code backslashEscapes}, as in {@code E'…'}), or the text's length.
     */
    public static int endOfString(String sql, int from, boolean backslashEscapes) {
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

    /**
     * The end of a text quoted with {@code quote} (a {@code "…"} identifier) whose text starts at {@code from}:
     * the index after its closing quote (the quote doubled is one), or the text's length.
     */
    public static int endOfQuoted(String sql, int from, char quote) {
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

    /**
     * The length of the dollar-quote tag at {@code at} ({@code $$} or {@code $tag$}: a letter, {@code _} or
     * non-ASCII character, then those or digits), or 0 when none starts there (the {@code $1} of a parameter).
     */
    public static int dollarTagLength(String sql, int at) {
        int i = at + 1;
        if (i < sql.length() && isTagStart(sql.charAt(i))) {
            i++;
            while (i < sql.length() && (isTagStart(sql.charAt(i)) || Character.isDigit(sql.charAt(i)))) {
                i++;
            }
        }
        return i < sql.length() && sql.charAt(i) == '$' ? i + 1 - at : 0;
    }

    /** The index after the closing tag of the dollar quote whose tag of {@code tagLength} starts at {@code at}. */
    public static int endOfDollarQuote(String sql, int at, int tagLength) {
        String tag = sql.substring(at, at + tagLength);
        int end = sql.indexOf(tag, at + tagLength);
        return end < 0 ? sql.length() : end + tagLength;
    }

    private static boolean isTagStart(char c) {
        return Character.isLetter(c) || c == '_' || c >= 0x80;
    }

    /** Whether DuckDB reads {@code c} as white space. */
    public static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || isUnicodeSpace(c);
    }

    /** The non-ASCII characters DuckDB reads as white space (see {@link #isSpace}). */
    public static boolean isUnicodeSpace(char c) {
        return c == '\u00a0' || (c >= '\u2000' && c <= '\u200b') || c == '\u202f' || c == '\u205f'
                || c == '\u3000' || c == '\ufeff';
    }
}

package io.hatidata.api.audit;

/**
 * Replaces every literal of a statement by {@code '[REDACTED]'} for the audit trail (SPEC §2.10.1): string
 * constants ({@code '…'} with doubled quotes, {@code E'…'} with backslash escapes, the prefix of
 * {@code X'…'}/{@code B'…'}/{@code N'…'} kept), dollar-quoted strings ({@code $$…$$}, {@code $tag$…$tag$})
 * and numbers. Comment bodies are redacted too ({@code -- [REDACTED]}, {@code /* [REDACTED] *}{@code /}),
 * since clients put anything there. Quoted identifiers ({@code "…"}), parameters ({@code $1}), keywords and
 * names are kept. A lexer, not a parser, so it works for every dialect and for statements that do not
 * parse; an unterminated literal or comment is redacted to the end. Shared by the audit trail and the
 * policy shadow log.
 *
 * @since 1.1.0
 */
public final class SqlRedaction {
    public static final String REDACTED = "'[REDACTED]'";

    private SqlRedaction() {}

    public static String redact(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int length = sql.length();
        int i = 0;
        while (i < length) {
            char each = sql.charAt(i);
            char next = i + 1 < length ? sql.charAt(i + 1) : '\0';
            if (each == '\'') {
                boolean backslashes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && (i < 2 || !isIdentifierPart(sql.charAt(i - 2)));
                i = skipQuoted(sql, i + 1, '\'', backslashes);
                out.append(REDACTED);
            } else if (each == '"') {
                int end = skipQuoted(sql, i + 1, '"', false);
                out.append(sql, i, end);
                i = end;
            } else if (each == '-' && next == '-') {
                int end = sql.indexOf('\n', i);
                out.append("-- [REDACTED]");
                i = end < 0 ? length : end;
            } else if (each == '/' && next == '*') {
                int end = sql.indexOf("*/", i + 2);
                out.append("/* [REDACTED] */");
                i = end < 0 ? length : end + 2;
            } else if (each == '$' && dollarTagEnd(sql, i) > 0) {
                int tagEnd = dollarTagEnd(sql, i);
                String tag = sql.substring(i, tagEnd);
                int close = sql.indexOf(tag, tagEnd);
                out.append(REDACTED);
                i = close < 0 ? length : close + tag.length();
            } else if (startsNumber(sql, i)) {
                i = skipNumber(sql, i);
                out.append(REDACTED);
            } else if (isIdentifierPart(each) || each == '$') {
                int end = i;
                while (end < length && (isIdentifierPart(sql.charAt(end)) || sql.charAt(end) == '$')) {
                    end++;
                }
                out.append(sql, i, end);
                i = end;
            } else {
                out.append(each);
                i++;
            }
        }
        return out.toString();
    }

    /**
     * The index after the closing {@code quote} of a literal or quoted identifier whose body starts at
     * {@code from}; a doubled quote is part of the body, and so is a backslash's next character when
     * {@code backslashes}.
     */
    private static int skipQuoted(String sql, int from, char quote, boolean backslashes) {
        int i = from;
        while (i < sql.length()) {
            char each = sql.charAt(i);
            if (backslashes && each == '\\') {
                i += 2;
            } else if (each == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
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
     * The index after the opening tag of a dollar quote at {@code i} ({@code $$} or {@code $tag$}), or -1
     * when there is none (a parameter such as {@code $1}, or a {@code $} inside a name).
     */
    private static int dollarTagEnd(String sql, int i) {
        if (i > 0 && isIdentifierPart(sql.charAt(i - 1))) {
            return -1;
        }
        int j = i + 1;
        if (j < sql.length() && Character.isDigit(sql.charAt(j))) {
            return -1;
        }
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        return j < sql.length() && sql.charAt(j) == '$' ? j + 1 : -1;
    }

    private static boolean startsNumber(String sql, int i) {
        char each = sql.charAt(i);
        if (i > 0 && (isIdentifierPart(sql.charAt(i - 1)) || sql.charAt(i - 1) == '$')) {
            return false;
        }
        if (Character.isDigit(each)) {
            return true;
        }
        return each == '.' && i + 1 < sql.length() && Character.isDigit(sql.charAt(i + 1));
    }

    private static int skipNumber(String sql, int i) {
        int j = i;
        while (j < sql.length()) {
            char each = sql.charAt(j);
            if (Character.isLetterOrDigit(each) || each == '.' || each == '_') {
                j++;
            } else if ((each == '+' || each == '-') && (sql.charAt(j - 1) == 'e' || sql.charAt(j - 1) == 'E')) {
                j++;
            } else {
                break;
            }
        }
        return j;
    }

    private static boolean isIdentifierPart(char each) {
        return Character.isLetterOrDigit(each) || each == '_';
    }
}

package io.hatidata.sql.parse;

/**
 * Snowflake string literals treat the backslash as an escape ({@code '\n'}, {@code '\\d'}, {@code '\''});
 * DuckDB's do not. The pre-processor turns such a literal into its value, re-quoted the standard way.
 */
final class StringEscapes {
    private StringEscapes() {}

    /** The value of a single-quoted Snowflake literal (with its quotes). */
    static String unescape(String literal) {
        String body = literal.substring(1, Math.max(1, literal.length() - 1));
        StringBuilder result = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\'' && i + 1 < body.length() && body.charAt(i + 1) == '\'') {
                result.append('\'');
                i++;
            } else if (c == '\\' && i + 1 < body.length()) {
                char next = body.charAt(++i);
                switch (next) {
                    case 'n' -> result.append('\n');
                    case 't' -> result.append('\t');
                    case 'r' -> result.append('\r');
                    case 'b' -> result.append('\b');
                    case 'f' -> result.append('\f');
                    case '0' -> result.append('\0');
                    default -> result.append(next);
                }
            } else {
                result.append(c);
            }
        }
        return result.toString();
    }
}

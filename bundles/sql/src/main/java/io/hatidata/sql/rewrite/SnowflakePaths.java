package io.hatidata.sql.rewrite;

/**
 * Snowflake semi-structured paths ({@code a.b[0]."c d"['e']}) as DuckDB JSONPath ({@code $.a.b[0]."c d"."e"}).
 */
public final class SnowflakePaths {
    private SnowflakePaths() {}

    /** The JSONPath for a Snowflake path. */
    public static String toJsonPath(String path) {
        StringBuilder result = new StringBuilder("$");
        int i = 0;
        int n = path.length();
        while (i < n) {
            char c = path.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '[') {
                int end = path.indexOf(']', i);
                end = end < 0 ? n : end;
                String inside = path.substring(i + 1, end).trim();
                if (inside.startsWith("'") || inside.startsWith("\"")) {
                    result.append(".\"").append(inside, 1, inside.length() - 1).append('"');
                } else {
                    result.append('[').append(inside).append(']');
                }
                i = end + 1;
            } else if (c == '"') {
                int end = path.indexOf('"', i + 1);
                end = end < 0 ? n : end;
                result.append(".\"").append(path, i + 1, end).append('"');
                i = end + 1;
            } else {
                int end = i;
                while (end < n && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                String key = path.substring(i, end);
                result.append(key.matches("[A-Za-z_][A-Za-z0-9_]*") ? "." + key : ".\"" + key + "\"");
                i = end;
            }
        }
        return result.toString();
    }
}

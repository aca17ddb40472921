package io.hatidata.policy.masking;

/**
 * The SQL each mask projects instead of a column (DuckDB functions that the translator passes through):
 * {@code full} → {@code ***}; {@code partial} → {@code ***} and the last N characters, or {@code ***} alone
 * when the value has no more than N; {@code hash} → the SHA-256 hex digest of the value as text;
 * {@code null} → NULL. NULL stays NULL for all. Masked values are text (VARCHAR).
 */
final class Masks {
    private Masks() {}

    static String expression(String function, String column, long visibleChars) {
        String raw = quote(column);
        String text = "CAST(" + raw + " AS VARCHAR)";
        return switch (function) {
            case "full" -> "CASE WHEN " + raw + " IS NULL THEN NULL ELSE '***' END";
            case "partial" -> "CASE WHEN " + raw + " IS NULL THEN NULL WHEN length(" + text + ") <= " + visibleChars
                    + " THEN '***' ELSE '***' || substr(" + text + ", length(" + text + ") - " + (visibleChars - 1)
                    + ") END";
            case "hash" -> "sha256(" + text + ")";
            case "null" -> "CAST(NULL AS VARCHAR)";
            default -> throw new IllegalArgumentException("unknown mask " + function);
        };
    }

    static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}

package io.hatidata.sql;

import io.hatidata.sql.parse.Token;
import io.hatidata.sql.parse.Tokenizer;
import java.util.List;
import java.util.Map;

/**
 * Snowflake type names in {@code CREATE}/{@code ALTER} statements, rewritten on tokens (DDL is passed to
 * DuckDB as written otherwise): a type word directly after a column name becomes DuckDB's type.
 */
final class DdlTypes {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("VARIANT", "JSON"), Map.entry("OBJECT", "JSON"), Map.entry("ARRAY", "JSON"),
            Map.entry("STRING", "VARCHAR"), Map.entry("TEXT", "VARCHAR"), Map.entry("TIMESTAMP_NTZ", "TIMESTAMP"),
            Map.entry("DATETIME", "TIMESTAMP"), Map.entry("TIMESTAMP_LTZ", "TIMESTAMPTZ"),
            Map.entry("TIMESTAMP_TZ", "TIMESTAMPTZ"), Map.entry("FLOAT", "DOUBLE"), Map.entry("FLOAT4", "DOUBLE"),
            Map.entry("FLOAT8", "DOUBLE"), Map.entry("REAL", "DOUBLE"), Map.entry("BINARY", "BLOB"),
            Map.entry("VARBINARY", "BLOB"), Map.entry("BYTEINT", "TINYINT"));

    private DdlTypes() {}

    /** The statement with Snowflake type names replaced; the same string when there were none. */
    static String rewrite(String sql) {
        List<Token> tokens = Tokenizer.tokenize(sql);
        StringBuilder result = new StringBuilder(sql.length());
        Token previous = null;
        boolean changed = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token each = tokens.get(i);
            String text = each.text();
            boolean afterName = previous != null && (previous.type() == Token.Type.QUOTED
                    || (previous.type() == Token.Type.WORD && !previous.isWord("TABLE") && !previous.isWord("EXISTS")
                            && !previous.isWord("VIEW") && !previous.isWord("COLUMN")));
            if (each.type() == Token.Type.WORD && afterName) {
                String upper = each.upper();
                boolean parenthesized = i + 1 < tokens.size() && tokens.get(i + 1).isSymbol("(");
                if (upper.equals("NUMBER")) {
                    text = parenthesized ? "DECIMAL" : "DECIMAL(38, 0)";
                } else if (TYPES.containsKey(upper) && !(parenthesized && upper.startsWith("TIMESTAMP"))) {
                    text = TYPES.get(upper);
                }
                changed |= !text.equals(each.text());
            }
            result.append(text);
            if (each.type() != Token.Type.SPACE) {
                previous = each;
            }
        }
        return changed ? result.toString() : sql;
    }
}

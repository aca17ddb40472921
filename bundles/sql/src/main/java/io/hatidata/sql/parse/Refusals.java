package io.hatidata.sql.parse;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import java.util.List;
import java.util.Set;

/**
 * Snowflake constructs with no DuckDB equivalent, recognized on tokens before parsing so they are refused
 * with {@code 0A000} naming the construct, even where the parser could not read the statement.
 */
final class Refusals {
    private static final Set<String> CREATE_OBJECTS = Set.of(
            "STREAM", "TASK", "PIPE", "STAGE", "PROCEDURE", "WAREHOUSE", "ALERT", "SHARE", "INTEGRATION",
            "REPLICATION", "FAILOVER", "NETWORK", "RESOURCE");
    private static final Set<String> CREATE_MODIFIERS = Set.of(
            "OR", "REPLACE", "SECURE", "TEMPORARY", "TEMP", "TRANSIENT", "VOLATILE", "LOCAL", "GLOBAL", "IF",
            "NOT", "EXISTS", "EXTERNAL", "DYNAMIC", "MASKING", "ROW", "ACCESS", "FILE", "NOTIFICATION",
            "STORAGE", "API", "SECURITY");

    private Refusals() {}

    /**
     * Throws {@code 0A000} if the statement uses a construct with no DuckDB equivalent.
     *
     * @param tokens the statement's tokens without spaces
     */
    static void check(List<Token> tokens) throws QueryException {
        if (tokens.isEmpty()) {
            return;
        }
        statementLevel(tokens);
        for (int i = 0; i < tokens.size(); i++) {
            Token each = tokens.get(i);
            if (each.isWord("MATCH_RECOGNIZE")) {
                throw refuse("MATCH_RECOGNIZE (row pattern matching)");
            }
            if ((each.isWord("AT") || each.isWord("BEFORE")) && symbol(tokens, i + 1, "(")
                    && (word(tokens, i + 2, "TIMESTAMP") || word(tokens, i + 2, "OFFSET")
                            || word(tokens, i + 2, "STATEMENT") || word(tokens, i + 2, "STREAM"))
                    && symbol(tokens, i + 3, "=>")) {
                throw refuse("time travel (" + each.upper() + " ( " + tokens.get(i + 2).upper() + " => … ))");
            }
            if (each.isWord("CHANGES") && symbol(tokens, i + 1, "(") && word(tokens, i + 2, "INFORMATION")) {
                throw refuse("CHANGES (change tracking)");
            }
            if ((each.isWord("OUTER") || each.isWord("RECURSIVE") || each.isWord("MODE")) && symbol(tokens, i + 1, "=>")) {
                throw refuse("FLATTEN with the argument " + each.upper());
            }
            if (each.isWord("CONNECT") && word(tokens, i + 1, "BY")) {
                throw refuse("CONNECT BY (hierarchical queries)");
            }
            if (each.isSymbol("@") && i > 0 && (tokens.get(i - 1).isWord("FROM") || tokens.get(i - 1).isWord("INTO")
                    || tokens.get(i - 1).isWord("JOIN"))) {
                throw refuse("stage reference (@stage)");
            }
        }
    }

    private static void statementLevel(List<Token> tokens) throws QueryException {
        Token first = tokens.get(0);
        switch (first.upper()) {
            case "CALL" -> throw refuse("CALL (stored procedures)");
            case "EXECUTE" -> throw refuse("EXECUTE " + (tokens.size() > 1 ? tokens.get(1).upper() : ""));
            case "PUT", "GET", "LIST", "LS", "REMOVE", "RM" -> throw refuse(first.upper() + " (stage files)");
            case "UNDROP" -> throw refuse("UNDROP");
            case "USE" -> {
                if (word(tokens, 1, "WAREHOUSE") || word(tokens, 1, "ROLE") || word(tokens, 1, "SECONDARY")) {
                    throw refuse("USE " + tokens.get(1).upper());
                }
            }
            case "COPY" -> {
                if (word(tokens, 1, "INTO")) {
                    throw refuse("COPY INTO (stages)");
                }
            }
            case "CREATE", "ALTER", "DROP" -> createdObject(tokens);
            default -> { }
        }
    }

    private static void createdObject(List<Token> tokens) throws QueryException {
        int i = 1;
        StringBuilder modifiers = new StringBuilder();
        while (i < tokens.size() && tokens.get(i).type() == Token.Type.WORD && CREATE_MODIFIERS.contains(tokens.get(i).upper())) {
            String word = tokens.get(i).upper();
            if (Set.of("EXTERNAL", "DYNAMIC", "MASKING", "ROW", "ACCESS", "FILE", "NOTIFICATION", "STORAGE", "API").contains(word)) {
                modifiers.append(word).append(' ');
            }
            i++;
        }
        if (i >= tokens.size()) {
            return;
        }
        String object = tokens.get(i).upper();
        String verb = tokens.get(0).upper();
        if (CREATE_OBJECTS.contains(object)) {
            throw refuse(verb + " " + modifiers + object);
        }
        if (modifiers.length() > 0 && (object.equals("TABLE") || object.equals("POLICY") || object.equals("FORMAT"))) {
            throw refuse(verb + " " + modifiers + object);
        }
        if (verb.equals("CREATE") && object.equals("FUNCTION")) {
            for (Token each : tokens) {
                if (each.isWord("RETURNS") || each.isWord("LANGUAGE")) {
                    throw refuse("CREATE FUNCTION … RETURNS (user-defined functions)");
                }
            }
        }
    }

    private static boolean word(List<Token> tokens, int index, String word) {
        return index < tokens.size() && tokens.get(index).isWord(word);
    }

    private static boolean symbol(List<Token> tokens, int index, String symbol) {
        return index < tokens.size() && tokens.get(index).isSymbol(symbol);
    }

    static QueryException refuse(String construct) {
        return new QueryException(SqlState.FEATURE_NOT_SUPPORTED,
                "Snowflake construct not supported: " + construct);
    }
}

package io.hatidata.engine.duckdb;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns DuckDB's errors into SQLSTATEs. DuckDB reports no SQLSTATE; its message starts with an error
 * class ({@code Catalog Error: …}, {@code Parser Error: …}), sometimes behind a wrapper added by
 * streaming results. The client gets DuckDB's first paragraph without the class prefix.
 */
final class DuckDbErrors {
    private static final Pattern ERROR_CLASS = Pattern.compile("([A-Za-z ]+?) Error: ");
    private static final String STREAMING_WRAPPER = "Attempting to execute an unsuccessful or closed pending query result";

    private DuckDbErrors() {}

    /** DuckDB's pointer at a syntax error: {@code LINE n: <the line, perhaps cut with ...>} then a caret. */
    private static final Pattern CARET = Pattern.compile("LINE (\\d+): ([^\n]*)\n( *)\\^");

    static QueryException translate(SQLException ex) {
        return translate(ex, null);
    }

    /**
     * As {@link #translate(SQLException)}; with the statement's text, a syntax error also gets its
     * position in that text (PostgreSQL's 1-based character index).
     */
    static QueryException translate(SQLException ex, String sql) {
        QueryException translated = translateMessage(ex);
        if (sql == null || !SqlState.SYNTAX_ERROR.equals(translated.sqlState())) {
            return translated;
        }
        int position = position(ex.getMessage() == null ? "" : ex.getMessage(), sql);
        return position == 0 ? translated
                : new QueryException(translated.sqlState(), translated.getMessage(), position, ex);
    }

    /** The 1-based position DuckDB's caret points at in {@code sql}, or 0 when it cannot be told. */
    static int position(String message, String sql) {
        Matcher caret = CARET.matcher(message);
        if (!caret.find()) {
            return 0;
        }
        int lineNumber = Integer.parseInt(caret.group(1));
        String prefix = "LINE " + caret.group(1) + ": ";
        int column = caret.group(3).length() - prefix.length();
        String snippet = caret.group(2);
        String[] lines = sql.split("\n", -1);
        if (lineNumber < 1 || lineNumber > lines.length || column < 0) {
            return 0;
        }
        String line = lines[lineNumber - 1];
        int windowStart = 0;
        if (snippet.startsWith("...")) {
            String shown = snippet.substring(3);
            if (shown.endsWith("...")) {
                shown = shown.substring(0, shown.length() - 3);
            }
            int found = line.indexOf(shown);
            if (found < 0) {
                return 0;
            }
            windowStart = found;
            column -= 3;
        }
        int inLine = Math.min(windowStart + column, line.length());
        int offset = 0;
        for (int i = 0; i < lineNumber - 1; i++) {
            offset += lines[i].length() + 1;
        }
        return offset + inLine + 1;
    }

    private static QueryException translateMessage(SQLException ex) {
        String message = ex.getMessage() == null ? "" : ex.getMessage();
        int wrapped = message.indexOf(STREAMING_WRAPPER);
        if (wrapped >= 0) {
            int inner = message.indexOf("Error: ", wrapped + STREAMING_WRAPPER.length());
            if (inner >= 0) {
                message = message.substring(inner + "Error: ".length());
            }
        }
        String errorClass = "";
        Matcher matcher = ERROR_CLASS.matcher(message);
        if (matcher.lookingAt()) {
            errorClass = matcher.group(1).trim();
            message = message.substring(matcher.end());
        }
        int paragraph = message.indexOf("\n\n");
        String text = (paragraph >= 0 ? message.substring(0, paragraph) : message).trim();
        if (text.isEmpty()) {
            text = "the statement failed in the engine";
        }
        return new QueryException(sqlState(errorClass, text), text, ex);
    }

    static String sqlState(String errorClass, String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        return switch (errorClass) {
            case "Parser" -> SqlState.SYNTAX_ERROR;
            case "Catalog" -> catalogState(lower);
            case "Binder" -> lower.contains("column") && lower.contains("not found")
                    ? SqlState.UNDEFINED_COLUMN
                    : SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION;
            case "Conversion" -> SqlState.INVALID_TEXT_REPRESENTATION;
            case "Out of Range" -> SqlState.NUMERIC_VALUE_OUT_OF_RANGE;
            case "Invalid Input" -> SqlState.INVALID_PARAMETER_VALUE;
            case "Constraint" -> constraintState(lower);
            case "TransactionContext", "Transaction" -> transactionState(lower);
            case "INTERRUPT", "Interrupt" -> SqlState.QUERY_CANCELED;
            case "Not implemented" -> SqlState.FEATURE_NOT_SUPPORTED;
            case "Permission" -> SqlState.INSUFFICIENT_PRIVILEGE;
            case "Out of Memory" -> SqlState.OUT_OF_MEMORY;
            case "IO" -> SqlState.IO_ERROR;
            case "Dependency" -> SqlState.DEPENDENT_OBJECTS_STILL_EXIST;
            default -> lower.contains("interrupted") ? SqlState.QUERY_CANCELED : SqlState.INTERNAL_ERROR;
        };
    }

    private static String catalogState(String text) {
        if (text.contains("already exists")) {
            return SqlState.DUPLICATE_TABLE;
        }
        if (text.contains("does not exist")) {
            if (text.startsWith("table") || text.startsWith("view")) {
                return SqlState.UNDEFINED_TABLE;
            }
            if (text.contains("function")) {
                return SqlState.UNDEFINED_FUNCTION;
            }
        }
        return SqlState.UNDEFINED_OBJECT;
    }

    private static String constraintState(String text) {
        if (text.contains("not null")) {
            return SqlState.NOT_NULL_VIOLATION;
        }
        if (text.contains("duplicate key") || text.contains("unique") || text.contains("primary key")) {
            return SqlState.UNIQUE_VIOLATION;
        }
        return SqlState.INTEGRITY_CONSTRAINT_VIOLATION;
    }

    private static String transactionState(String text) {
        if (text.contains("aborted")) {
            return SqlState.IN_FAILED_TRANSACTION;
        }
        if (text.contains("conflict")) {
            return SqlState.SERIALIZATION_FAILURE;
        }
        return SqlState.INVALID_TRANSACTION_STATE;
    }
}

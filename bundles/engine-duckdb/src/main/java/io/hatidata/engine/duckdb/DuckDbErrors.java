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

    static QueryException translate(SQLException ex) {
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

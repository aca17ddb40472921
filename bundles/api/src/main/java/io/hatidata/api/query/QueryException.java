package io.hatidata.api.query;

import java.util.Objects;

/**
 * A statement failed. Carries the SQLSTATE the client sees; the message is written for the client and
 * must never contain a secret. The cause, if any, is for the server log only.
 */
public class QueryException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String sqlState;

    public QueryException(String sqlState, String message) {
        this(sqlState, message, null);
    }

    public QueryException(String sqlState, String message, Throwable cause) {
        super(message, cause);
        this.sqlState = Objects.requireNonNull(sqlState, "sqlState");
        if (sqlState.length() != 5) {
            throw new IllegalArgumentException("a SQLSTATE has five characters: " + sqlState);
        }
    }

    /** The five-character SQLSTATE, see {@link SqlState}. */
    public String sqlState() {
        return sqlState;
    }
}

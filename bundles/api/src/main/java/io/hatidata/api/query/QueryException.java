package io.hatidata.api.query;

import java.util.Objects;

/**
 * A statement failed. Carries the SQLSTATE the client sees; the message is written for the client and
 * must never contain a secret. The cause, if any, is for the server log only.
 */
public class QueryException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String sqlState;
    private final int position;

    public QueryException(String sqlState, String message) {
        this(sqlState, message, null);
    }

    public QueryException(String sqlState, String message, Throwable cause) {
        this(sqlState, message, 0, cause);
    }

    /**
     * @param position where in the statement's text the error is, as a 1-based character index (what
     *     PostgreSQL reports in an ErrorResponse's {@code P} field); 0 when unknown
     */
    public QueryException(String sqlState, String message, int position, Throwable cause) {
        super(message, cause);
        if (position < 0) {
            throw new IllegalArgumentException("a position is 1-based, or 0 when unknown: " + position);
        }
        this.position = position;
        this.sqlState = Objects.requireNonNull(sqlState, "sqlState");
        if (sqlState.length() != 5) {
            throw new IllegalArgumentException("a SQLSTATE has five characters: " + sqlState);
        }
    }

    /** The five-character SQLSTATE, see {@link SqlState}. */
    public String sqlState() {
        return sqlState;
    }

    /**
     * The 1-based character index in the text of the statement that ran where the error was found (a
     * syntax error), or 0 when unknown. A stage that changed the text must not pass it on unchanged.
     */
    public int position() {
        return position;
    }
}

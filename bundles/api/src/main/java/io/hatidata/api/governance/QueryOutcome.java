package io.hatidata.api.governance;

import java.util.Objects;

/**
 * How one statement ended, as the metering and audit stages observed it.
 *
 * @param rows the rows sent to the client
 * @param elapsedNanos time from the observing stage's start to the end of the statement
 * @param commandTag the command tag the statement completed with; empty when it failed
 * @param sqlState the SQLSTATE of the failure; empty when it succeeded
 * @param message the client-facing message of the failure; empty when it succeeded
 * @since 1.0.0
 */
public record QueryOutcome(long rows, long elapsedNanos, String commandTag, String sqlState, String message) {
    public QueryOutcome {
        Objects.requireNonNull(commandTag, "commandTag");
        Objects.requireNonNull(sqlState, "sqlState");
        Objects.requireNonNull(message, "message");
    }

    /** Whether the statement completed without an error. */
    public boolean succeeded() {
        return sqlState.isEmpty();
    }
}

package io.hatidata.wire.pg;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The server's defaults for PostgreSQL's {@code idle_session_timeout} and
 * {@code idle_in_transaction_session_timeout}; a session may change its own with SET. 0 disables.
 */
record IdleTimeouts(int sessionSeconds, int inTransactionSeconds) {
    static final IdleTimeouts NONE = new IdleTimeouts(0, 0);
    static final String SESSION_PARAMETER = "idle_session_timeout";
    static final String IN_TRANSACTION_PARAMETER = "idle_in_transaction_session_timeout";

    IdleTimeouts {
        if (sessionSeconds < 0 || inTransactionSeconds < 0) {
            throw new IllegalArgumentException("idle timeouts must not be negative");
        }
    }

    /** The defaults as session parameters (milliseconds, as SHOW displays them). */
    Map<String, String> asParameters() {
        return Map.of(SESSION_PARAMETER, Long.toString(TimeUnit.SECONDS.toMillis(sessionSeconds)),
                IN_TRANSACTION_PARAMETER, Long.toString(TimeUnit.SECONDS.toMillis(inTransactionSeconds)));
    }
}

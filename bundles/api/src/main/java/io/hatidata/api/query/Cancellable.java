package io.hatidata.api.query;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Something whose running work can be stopped from another thread: a client's cancel request or a
 * statement timeout reaches the engine through it. The stopped statement fails with {@code 57014}.
 *
 * @since 1.0.0
 */
@ConsumerType
public interface Cancellable {

    /** Stops the work running now, if any; does nothing when idle. Safe to call from any thread. */
    void cancel();

    /**
     * A new statement starts in the session this belongs to: a cancel that arrived for an earlier statement
     * (or before the work started) no longer applies. An implementation that remembers a cancel which came
     * before its work started, so that the work then fails at once, forgets it here.
     */
    default void statementStarted() {}
}

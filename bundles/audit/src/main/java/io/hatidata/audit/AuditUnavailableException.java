package io.hatidata.audit;

/** An entry could not be made durable: the writer's queue stayed full, the write failed, or it stopped. */
final class AuditUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why. */
    enum Reason {
        /** The queue stayed full, or the commit did not come, within the append timeout. */
        OVERLOADED,
        /** The database refused the write. */
        FAILED,
        /** The writer has stopped. */
        STOPPED
    }

    private final Reason reason;

    AuditUnavailableException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}

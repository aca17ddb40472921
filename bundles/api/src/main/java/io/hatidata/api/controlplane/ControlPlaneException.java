package io.hatidata.api.controlplane;

import java.util.Map;
import java.util.Objects;

/**
 * A control-plane operation was refused. The message and details are safe to show the client; front-ends
 * map the {@link Reason} to their own error codes (REST: SPEC §1.8.6).
 */
public class ControlPlaneException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why an operation was refused. */
    public enum Reason {
        VALIDATION,
        UNAUTHORIZED,
        FORBIDDEN,
        NOT_FOUND,
        CONFLICT,
        RATE_LIMITED,
        UNAVAILABLE,
        /**
         * A quota of the organization is used up (REST 429 {@code QUOTA_EXCEEDED}).
         *
         * @since controlplane 1.2.0
         */
        QUOTA_EXCEEDED
    }

    private final Reason reason;
    private final Map<String, String> details;
    private final long retryAfterSeconds;

    public ControlPlaneException(Reason reason, String message) {
        this(reason, message, Map.of(), 0);
    }

    public ControlPlaneException(Reason reason, String message, Map<String, String> details, long retryAfterSeconds) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.details = Map.copyOf(details);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A 400-class refusal naming the field and the broken constraint. */
    public static ControlPlaneException invalid(String field, String constraint, String message) {
        return new ControlPlaneException(Reason.VALIDATION, message, Map.of("field", field, "constraint", constraint), 0);
    }

    public static ControlPlaneException notFound(String what) {
        return new ControlPlaneException(Reason.NOT_FOUND, what + " not found");
    }

    public static ControlPlaneException forbidden(String message) {
        return new ControlPlaneException(Reason.FORBIDDEN, message);
    }

    public Reason reason() {
        return reason;
    }

    public Map<String, String> details() {
        return details;
    }

    /** For {@link Reason#RATE_LIMITED}: when to try again; otherwise 0. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}

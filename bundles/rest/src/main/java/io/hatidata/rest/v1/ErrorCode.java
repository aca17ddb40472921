package io.hatidata.rest.v1;

import io.hatidata.api.controlplane.ControlPlaneException;

/**
 * The error codes of SPEC §1.8.6 and their HTTP statuses. Statuses the table does not name keep their
 * own HTTP status with the closest code: 405 and 415 are {@code VALIDATION_ERROR} (the request's shape
 * is wrong), 503 is {@code INTERNAL_ERROR}.
 */
enum ErrorCode {
    VALIDATION_ERROR(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    POLICY_VIOLATION(422),
    RATE_LIMITED(429),
    /** A quota of the organization is used up (billing, SPEC §1.4.2 step 12). */
    QUOTA_EXCEEDED(429),
    INTERNAL_ERROR(500);

    final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    static ErrorCode of(ControlPlaneException.Reason reason) {
        return switch (reason) {
            case VALIDATION -> VALIDATION_ERROR;
            case UNAUTHORIZED -> UNAUTHORIZED;
            case FORBIDDEN -> FORBIDDEN;
            case NOT_FOUND -> NOT_FOUND;
            case CONFLICT -> CONFLICT;
            case RATE_LIMITED -> RATE_LIMITED;
            case UNAVAILABLE -> INTERNAL_ERROR;
            case QUOTA_EXCEEDED -> QUOTA_EXCEEDED;
        };
    }

    /** The code for a status Jersey produced by itself. */
    static ErrorCode ofStatus(int status) {
        for (ErrorCode each : values()) {
            if (each.status == status) {
                return each;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : VALIDATION_ERROR;
    }
}

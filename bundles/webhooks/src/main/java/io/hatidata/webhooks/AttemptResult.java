package io.hatidata.webhooks;

/**
 * What one attempt gave.
 *
 * @param statusCode the HTTP status, or {@code null} when there was no answer
 * @param latencyMs from sending to the answer (or the failure)
 * @param error why it failed (no secrets), or {@code null} for a 2xx answer
 */
record AttemptResult(Integer statusCode, long latencyMs, String error) {
    boolean succeeded() {
        return error == null && statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    static AttemptResult answered(int statusCode, long latencyMs) {
        return new AttemptResult(statusCode, latencyMs,
                statusCode >= 200 && statusCode < 300 ? null : "the receiver answered HTTP " + statusCode);
    }

    static AttemptResult failed(String error, long latencyMs) {
        return new AttemptResult(null, latencyMs, error);
    }
}

package io.hatidata.api.provisioning;

import java.time.Instant;

/**
 * A shadow run of an environment and its counters.
 *
 * @param runId {@code shd_…}
 * @param environmentId the environment whose statements are shadowed
 * @param state {@code running} or {@code stopped}
 * @param sourceUrl the source's JDBC URL (never the password)
 * @param settings sample rate, tolerance and duration
 * @param startedAt when started
 * @param endsAt when it stops by itself, or {@code null}
 * @param stoppedAt when it stopped, or {@code null}
 * @param total statements seen while running
 * @param matched compared and alike
 * @param mismatched compared and different
 * @param errors the source refused the statement (the caller got its error; nothing was compared)
 * @param skipped not compared: not sampled, session commands, results too large to compare
 */
public record ShadowStatus(String runId, String environmentId, String state, String sourceUrl, ShadowSettings settings,
        Instant startedAt, Instant endsAt, Instant stoppedAt, long total, long matched, long mismatched, long errors,
        long skipped) {

    /** matched / (matched + mismatched), or {@code null} before anything was compared. */
    public Double matchRate() {
        long compared = matched + mismatched;
        return compared == 0 ? null : (double) matched / compared;
    }
}

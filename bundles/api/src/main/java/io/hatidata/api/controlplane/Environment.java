package io.hatidata.api.controlplane;

import java.time.Instant;

/**
 * An environment (SPEC §2.4): its own API keys and its own DuckDB database. {@code production} marks the
 * environment whose keys are {@code hd_live_} keys; other environments get {@code hd_test_} keys.
 */
public record Environment(
        String id,
        String organizationId,
        String name,
        String slug,
        String status,
        int queryTimeoutMs,
        int maxConcurrentQueries,
        boolean cacheEnabled,
        Instant createdAt,
        Instant updatedAt) {
    /** Whether keys of this environment are live (billed) keys. */
    public boolean production() {
        return slug.startsWith("prod");
    }
}

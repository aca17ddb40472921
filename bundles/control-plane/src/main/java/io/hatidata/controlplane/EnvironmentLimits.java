package io.hatidata.controlplane;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The per-environment limits the pipeline enforces ({@code query_timeout_ms}, {@code
 * max_concurrent_queries}) and its {@code cache_enabled} setting, read from the store and kept for {@value #CACHE_SECONDS} seconds, so a changed
 * setting applies within that time without a read per statement. An unknown environment gets the
 * defaults. At most {@value #MAX_CACHED} environments are remembered.
 */
final class EnvironmentLimits {
    static final int CACHE_SECONDS = 10;
    static final Limits DEFAULTS = new Limits(30_000, 50, false);
    private static final int MAX_CACHED = 10_000;

    /** One environment's limits. */
    record Limits(int queryTimeoutMs, int maxConcurrentQueries, boolean cacheEnabled) {}

    private final Db db;
    private final LongSupplier clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    EnvironmentLimits(Db db, LongSupplier clock) {
        this.db = db;
        this.clock = clock;
    }

    Limits of(String environmentId) {
        long now = clock.getAsLong();
        Cached cached = cache.get(environmentId);
        if (cached != null && now - cached.readAt < TimeUnit.SECONDS.toNanos(CACHE_SECONDS)) {
            return cached.limits;
        }
        Limits limits = db.queryOne("SELECT query_timeout_ms, max_concurrent_queries, cache_enabled FROM environments WHERE id = ?",
                row -> new Limits(row.getInt(1), row.getInt(2), row.getBoolean(3)), environmentId).orElse(DEFAULTS);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(environmentId, new Cached(limits, now));
        return limits;
    }

    private record Cached(Limits limits, long readAt) {}
}

package io.hatidata.resultcache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The entries: at most {@code maxEntries} results of at most {@code maxBytes} (estimated) in all, the
 * least recently used leaving first, each served for at most {@code ttlNanos} after it was stored.
 * Thread-safe (one lock; every operation is a map access).
 */
final class ResultCache {
    private final int maxEntries;
    private final long maxBytes;
    private final long ttlNanos;
    private final LongSupplier clock;
    private final LinkedHashMap<CacheKey, Stored> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;
    private long evictions;

    /** @param clock nanoseconds, monotonic ({@code System::nanoTime}; tests drive their own) */
    ResultCache(int maxEntries, long maxBytes, long ttlNanos, LongSupplier clock) {
        this.maxEntries = Math.max(1, maxEntries);
        this.maxBytes = Math.max(1, maxBytes);
        this.ttlNanos = Math.max(0, ttlNanos);
        this.clock = clock;
    }

    /** The result stored under this key if it has not expired, else {@code null}. */
    synchronized CachedResult get(CacheKey key) {
        Stored stored = entries.get(key);
        if (stored != null && clock.getAsLong() - stored.storedAt >= ttlNanos) {
            remove(key);
            stored = null;
        }
        if (stored == null) {
            misses++;
            return null;
        }
        hits++;
        return stored.result;
    }

    /** Stores a result (replacing one under the same key), then evicts down to the bounds. */
    synchronized void put(CacheKey key, CachedResult result) {
        long size = key.bytes() + result.bytes();
        if (size > maxBytes) {
            return;
        }
        remove(key);
        entries.put(key, new Stored(result, size, clock.getAsLong()));
        bytes += size;
        Iterator<Map.Entry<CacheKey, Stored>> eldest = entries.entrySet().iterator();
        while ((entries.size() > maxEntries || bytes > maxBytes) && eldest.hasNext()) {
            bytes -= eldest.next().getValue().bytes;
            eldest.remove();
            evictions++;
        }
    }

    /** Removes every entry whose key matches; returns how many. */
    synchronized int removeIf(Predicate<CacheKey> matching) {
        int removed = 0;
        Iterator<Map.Entry<CacheKey, Stored>> each = entries.entrySet().iterator();
        while (each.hasNext()) {
            Map.Entry<CacheKey, Stored> entry = each.next();
            if (matching.test(entry.getKey())) {
                bytes -= entry.getValue().bytes;
                each.remove();
                removed++;
            }
        }
        return removed;
    }

    synchronized void clear() {
        entries.clear();
        bytes = 0;
    }

    synchronized Stats stats() {
        return new Stats(entries.size(), bytes, hits, misses, evictions);
    }

    private void remove(CacheKey key) {
        Stored old = entries.remove(key);
        if (old != null) {
            bytes -= old.bytes;
        }
    }

    /** Counters for diagnostics and tests. */
    record Stats(int entries, long bytes, long hits, long misses, long evictions) {}

    private record Stored(CachedResult result, long bytes, long storedAt) {}
}

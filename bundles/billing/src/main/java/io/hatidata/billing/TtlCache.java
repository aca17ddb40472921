package io.hatidata.billing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A small cache whose entries expire after a fixed time; bounded (reaching the bound forgets every
 * entry, which only costs re-reading). Thread-safe; two threads missing at once may both load.
 */
final class TtlCache<K, V> {
    /** Loads a missing value. */
    @FunctionalInterface
    interface Loader<K, V> {
        V load(K key) throws Exception;
    }

    private record Entry<V>(V value, long expiresAt) {}

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier clock;

    TtlCache(long ttlNanos, int maxEntries, LongSupplier clock) {
        this.ttlNanos = ttlNanos;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    V get(K key, Loader<K, V> loader) throws Exception {
        long now = clock.getAsLong();
        Entry<V> entry = entries.get(key);
        if (entry != null && entry.expiresAt - now > 0) {
            return entry.value;
        }
        V value = loader.load(key);
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Entry<>(value, now + ttlNanos));
        return value;
    }

    void invalidate(K key) {
        entries.remove(key);
    }
}

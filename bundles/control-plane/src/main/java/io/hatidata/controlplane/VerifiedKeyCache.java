package io.hatidata.controlplane;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A short-lived, bounded cache of keys that passed Argon2id verification, so an agent that reconnects
 * often does not pay the hash every time. Entries are indexed by the SHA-256 of the key (the key itself
 * is never kept) and expire after the configured time-to-live; a revoked key therefore stops working at
 * the latest one time-to-live after revocation.
 */
final class VerifiedKeyCache<V> {
    private record Entry<V>(V identity, Instant expiresAt) {}

    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Duration timeToLive;
    private final int maxEntries;
    private final Clock clock;

    VerifiedKeyCache(Duration timeToLive, int maxEntries, Clock clock) {
        this.timeToLive = timeToLive;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** The identity a key proved recently, or {@code null}. */
    V get(String key) {
        if (timeToLive.isZero()) {
            return null;
        }
        String digest = digest(key);
        Entry<V> entry = entries.get(digest);
        if (entry == null) {
            return null;
        }
        if (!clock.instant().isBefore(entry.expiresAt())) {
            entries.remove(digest, entry);
            return null;
        }
        return entry.identity();
    }

    /** Remembers a verified key; when full, expired entries are dropped first, then everything. */
    void put(String key, V identity) {
        if (timeToLive.isZero() || maxEntries <= 0) {
            return;
        }
        if (entries.size() >= maxEntries) {
            Instant now = clock.instant();
            entries.values().removeIf(each -> !now.isBefore(each.expiresAt()));
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        entries.put(digest(key), new Entry<>(identity, clock.instant().plus(timeToLive)));
    }

    /** Forgets every key, for example after keys were revoked. */
    void clear() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }

    private static String digest(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
        }
    }
}

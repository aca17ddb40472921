package io.hatidata.wire.pg;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The backend keys of one server's authenticated connections, so that a CancelRequest, which arrives on a
 * new connection with only the key, can find the connection whose statement it cancels. Thread-safe.
 */
final class BackendKeyRegistry {
    private final AtomicInteger lastProcessId = new AtomicInteger();
    private final SecureRandom random;
    /** By process id; the secret is compared on lookup, in constant time. */
    private final ConcurrentMap<Integer, Registered> connections = new ConcurrentHashMap<>();

    private record Registered(BackendKey key, PgConnection connection) {}

    BackendKeyRegistry(SecureRandom random) {
        this.random = random;
    }

    /** A new key (next process id, random secret) for the connection. */
    BackendKey register(PgConnection connection) {
        int processId = lastProcessId.updateAndGet(last -> last == Integer.MAX_VALUE ? 1 : last + 1);
        BackendKey result = new BackendKey(processId, random.nextInt());
        connections.put(processId, new Registered(result, connection));
        return result;
    }

    void unregister(BackendKey key) {
        connections.computeIfPresent(key.processId(), (id, registered) -> registered.key().equals(key) ? null : registered);
    }

    /** The connection with this key, if it is still open; the whole key must match. */
    Optional<PgConnection> find(BackendKey key) {
        Registered registered = connections.get(key.processId());
        if (registered == null || !sameSecret(registered.key().secretKey(), key.secretKey())) {
            return Optional.empty();
        }
        return Optional.ofNullable(registered.connection());
    }

    private static boolean sameSecret(int expected, int presented) {
        return MessageDigest.isEqual(ByteBuffer.allocate(4).putInt(expected).array(),
                ByteBuffer.allocate(4).putInt(presented).array());
    }

    int size() {
        return connections.size();
    }
}

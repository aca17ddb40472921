package io.hatidata.wire.pg;

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
    private final ConcurrentMap<BackendKey, PgConnection> connections = new ConcurrentHashMap<>();

    BackendKeyRegistry(SecureRandom random) {
        this.random = random;
    }

    /** A new key (next process id, random secret) for the connection. */
    BackendKey register(PgConnection connection) {
        int processId = lastProcessId.updateAndGet(last -> last == Integer.MAX_VALUE ? 1 : last + 1);
        BackendKey result = new BackendKey(processId, random.nextInt());
        connections.put(result, connection);
        return result;
    }

    void unregister(BackendKey key) {
        connections.remove(key);
    }

    /** The connection with this key, if it is still open; the whole key must match. */
    Optional<PgConnection> find(BackendKey key) {
        return Optional.ofNullable(connections.get(key));
    }

    int size() {
        return connections.size();
    }
}

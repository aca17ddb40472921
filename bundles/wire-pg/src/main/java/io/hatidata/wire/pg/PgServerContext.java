package io.hatidata.wire.pg;

import io.hatidata.api.identity.Authenticator;
import io.hatidata.api.pipeline.Pipeline;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import io.netty.handler.ssl.SslContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What the connections of one server share: the services (looked up per use, so a replaced service is
 * picked up by the next message), the statement executor, the settings, the TLS context, the connection
 * count and the backend keys. Thread-safe.
 */
final class PgServerContext {
    private final Supplier<Authenticator> authenticator;
    private final Supplier<Pipeline> pipeline;
    private final Executor executor;
    private final Executor cursorWorkers;
    private final SecureRandom random = new SecureRandom();
    private final BackendKeyRegistry backendKeys = new BackendKeyRegistry(random);
    private final AtomicInteger openConnections = new AtomicInteger();
    private final AuthenticationThrottle throttle = new AuthenticationThrottle(Clock.systemUTC());
    private volatile PgSettings settings;
    private volatile SslContext sslContext;

    /**
     * @param authenticator the current authenticator, or {@code null} while there is none
     * @param pipeline the current pipeline, or {@code null} while there is none
     * @param executor where authentication and statements run (never the event loop, except in tests)
     * @param cursorWorkers where SQL cursors run between fetches ({@link CursorWorkers}); never a
     *     caller-runs executor: a DECLARE waits for its cursor's worker
     */
    PgServerContext(Supplier<Authenticator> authenticator, Supplier<Pipeline> pipeline, Executor executor,
            Executor cursorWorkers, PgSettings settings) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.cursorWorkers = Objects.requireNonNull(cursorWorkers, "cursorWorkers");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Failed-authentication throttling per source address. */
    AuthenticationThrottle throttle() {
        return throttle;
    }

    Authenticator authenticator() {
        return authenticator.get();
    }

    Pipeline pipeline() {
        return pipeline.get();
    }

    /** The pipeline, or {@code 58000} while none is bound. */
    Pipeline requirePipeline() throws QueryException {
        Pipeline result = pipeline.get();
        if (result == null) {
            throw new QueryException(
                    SqlState.SYSTEM_ERROR, "the query pipeline is not available");
        }
        return result;
    }

    Executor executor() {
        return executor;
    }

    /** Where a DECLARE starts its cursor's worker; refuses when the server's cursors are all open. */
    Executor cursorWorkers() {
        return cursorWorkers;
    }

    PgSettings settings() {
        return settings;
    }

    void settings(PgSettings newSettings) {
        this.settings = Objects.requireNonNull(newSettings, "newSettings");
    }

    /** The server's TLS context, or {@code null} when TLS is disabled (SSLRequest is answered 'N'). */
    SslContext sslContext() {
        return sslContext;
    }

    void sslContext(SslContext newContext) {
        this.sslContext = newContext;
    }

    BackendKeyRegistry backendKeys() {
        return backendKeys;
    }

    /** Counts a new connection; returns the number now open, this one included. */
    int connectionOpened() {
        return openConnections.incrementAndGet();
    }

    void connectionClosed() {
        openConnections.decrementAndGet();
    }

    int openConnections() {
        return openConnections.get();
    }

    /** A new random id with the prefix, such as {@code sess_3f2a…}. */
    String newId(String prefix) {
        byte[] bytes = new byte[10];
        random.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}

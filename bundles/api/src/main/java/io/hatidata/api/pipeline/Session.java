package io.hatidata.api.pipeline;

import io.hatidata.api.identity.Identity;
import io.hatidata.api.query.Cancellable;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import io.hatidata.api.query.TransactionStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client session: who is connected, what it said at startup, and the resources stages opened for it
 * (such as an engine session holding its transaction). Front-ends create one per connection and
 * {@link #close()} it when the client goes, which closes every resource in reverse order of opening.
 *
 * <p>Thread-safe; statements of one session normally run one at a time.
 */
public final class Session {

    /** Creates a resource for a session; see {@link #resource(String, ResourceFactory)}. */
    @FunctionalInterface
    public interface ResourceFactory<T extends AutoCloseable> {
        T create() throws QueryException;
    }

    private final String id;
    private final Identity identity;
    private final Map<String, String> parameters;
    private final Map<String, AutoCloseable> resources = new LinkedHashMap<>();
    private boolean closed;
    private volatile TransactionStatus transactionStatus = TransactionStatus.IDLE;
    private volatile boolean cancelRequested;
    private final Map<String, String> settings = new ConcurrentHashMap<>();

    /**
     * @param id a unique id for logs and audit
     * @param identity the authenticated identity
     * @param parameters the client's startup parameters (application name, agent id, …)
     */
    public Session(String id, Identity identity, Map<String, String> parameters) {
        this.id = Objects.requireNonNull(id, "id");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.parameters = Map.copyOf(parameters);
    }

    public String id() {
        return id;
    }

    public Identity identity() {
        return identity;
    }

    /**
     * The transaction state after the last statement, as the stage that executes statements reported
     * it; front-ends show it to the client (ReadyForQuery on the wire).
     */
    public TransactionStatus transactionStatus() {
        return transactionStatus;
    }

    /** Records the transaction state; called by the stage that executes statements. */
    public void transactionStatus(TransactionStatus status) {
        this.transactionStatus = Objects.requireNonNull(status, "status");
    }

    /**
     * The session's current settings as the client set them (startup packet, {@code options=-c …},
     * {@code SET}): {@code application_name}, the agent identification ({@code agent_id},
     * {@code framework}, {@code request_id}, {@code priority}, with or without the {@code hatidata_} prefix),
     * {@code statement_timeout}, … Names are lower-case. A snapshot, unmodifiable.
     *
     * @since 1.0.0
     */
    public Map<String, String> settings() {
        return Map.copyOf(settings);
    }

    /**
     * One agent-identification value ({@code agent_id}, {@code framework}, …): the setting with the
     * {@code hatidata_} prefix, else without it, else the startup parameter in the same order; empty when
     * none is there. Reads the live settings without copying them.
     *
     * @since 1.2.0
     */
    public String agentSetting(String name) {
        String value = settings.get("hatidata_" + name);
        if (value == null) {
            value = settings.get(name);
        }
        if (value == null) {
            value = parameters.getOrDefault("hatidata_" + name, parameters.get(name));
        }
        return value == null ? "" : value;
    }

    /** Sets a setting; an empty value removes it. Called by the front-end that owns the session. */
    public void setting(String name, String value) {
        if (value == null || value.isEmpty()) {
            settings.remove(name);
        } else {
            settings.put(name, value);
        }
    }

    /** The startup parameters, unmodifiable. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /**
     * The session's resource under this key, created by the factory on first use.
     *
     * @throws QueryException from the factory, or {@code 57P01} when the session is already closed
     */
    public synchronized <T extends AutoCloseable> T resource(String key, ResourceFactory<T> factory)
            throws QueryException {
        if (closed) {
            throw new QueryException(SqlState.ADMIN_SHUTDOWN, "session is closed");
        }
        @SuppressWarnings("unchecked")
        T result = (T) resources.get(key);
        if (result == null) {
            result = Objects.requireNonNull(factory.create(), "resource factory returned null");
            resources.put(key, result);
        }
        return result;
    }

    /**
     * Forgets the resource under this key if it is still {@code expected} (for example one that closed
     * because the bundle that made it stopped), so the next {@link #resource} call creates a fresh one.
     * Does not close it.
     */
    public synchronized void removeResource(String key, AutoCloseable expected) {
        resources.remove(key, expected);
    }

    /**
     * Cancels the statement this session is running, by cancelling every resource that is
     * {@link Cancellable} (the engine session among them). Any thread; does nothing when idle.
     */
    public void cancel() {
        cancelRequested = true;
        List<AutoCloseable> current;
        synchronized (this) {
            current = new ArrayList<>(resources.values());
        }
        for (AutoCloseable each : current) {
            if (each instanceof Cancellable cancellable) {
                cancellable.cancel();
            }
        }
    }

    /**
     * A statement of this session starts (the pipeline calls this): resources forget cancel requests that
     * were meant for an earlier statement. A cancel that arrives from now on, even while the statement is
     * still in a stage before the engine, stops it.
     */
    public void statementStarted() {
        cancelRequested = false;
        List<AutoCloseable> current;
        synchronized (this) {
            current = new ArrayList<>(resources.values());
        }
        for (AutoCloseable each : current) {
            if (each instanceof Cancellable cancellable) {
                cancellable.statementStarted();
            }
        }
    }

    /**
     * Whether a cancel request came since the current statement started: a stage that is about to create
     * or start a {@link Cancellable} resource checks this afterwards, so a cancel that arrived before the
     * resource existed is not lost.
     */
    public boolean cancelRequested() {
        return cancelRequested;
    }

    /** The session's resource under this key if one was created, else {@code null}. */
    @SuppressWarnings("unchecked")
    public synchronized <T extends AutoCloseable> T existingResource(String key) {
        return (T) resources.get(key);
    }

    /**
     * Closes every resource, newest first, and refuses new ones. Idempotent; a resource that fails to
     * close does not stop the others from closing.
     *
     * @return the failures of resources that did not close cleanly (empty when all did)
     */
    public List<Exception> close() {
        List<AutoCloseable> toClose;
        synchronized (this) {
            if (closed) {
                return List.of();
            }
            closed = true;
            toClose = new ArrayList<>(resources.values());
            resources.clear();
        }
        Collections.reverse(toClose);
        List<Exception> failures = new ArrayList<>();
        for (AutoCloseable each : toClose) {
            try {
                each.close();
            } catch (Exception ex) {
                failures.add(ex);
            }
        }
        return failures;
    }
}

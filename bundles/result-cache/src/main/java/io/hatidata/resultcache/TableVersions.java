package io.hatidata.resultcache;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A version per (environment, table) and per environment, moved by every write that passes through the
 * pipeline, so a cached result is keyed by the versions of what it read and a write makes it unreachable.
 *
 * <p>A write is bracketed: {@link #beginWrite} before it runs and {@link #endWrite} once its effect is
 * visible to other sessions (after the statement in autocommit, after COMMIT or ROLLBACK inside a
 * transaction block). Both move the version, and while a write is open its tables (or, for an
 * environment-wide write, the whole environment) are <i>in flight</i>: {@link #snapshot} answers
 * {@code null} and nothing reading them is served from or stored in the cache. A reader stores its result
 * only when the versions it started with are still the current ones afterwards, so a result computed
 * while a write committed is never kept.
 *
 * <p>Tables are tracked by their last name part in lower case ({@code main.orders} and {@code orders} are
 * one table; the same name in two schemas shares a version, which only invalidates more). Versions come
 * from one counter, never reused. At most {@code maxTracked} tables and environments are remembered; beyond that all
 * versions are forgotten and a new generation starts, which invalidates every entry. Thread-safe.
 */
final class TableVersions {
    private final int maxTracked;
    private final AtomicLong counter = new AtomicLong();
    private final Map<String, EnvironmentState> environments = new HashMap<>();
    private long generation;
    private int tracked;

    TableVersions(int maxTracked) {
        this.maxTracked = Math.max(1, maxTracked);
    }

    /** The versions of these tables now, or {@code null} while a write to any of them is in flight. */
    synchronized Snapshot snapshot(String environmentId, Collection<String> tables) {
        EnvironmentState environment = environments.get(environmentId);
        if (environment == null) {
            long[] zeros = new long[tables.size()];
            return new Snapshot(generation, 0, toList(zeros));
        }
        if (environment.openWrites > 0) {
            return null;
        }
        long[] versions = new long[tables.size()];
        int i = 0;
        for (String table : tables) {
            TableState state = environment.tables.get(key(table));
            if (state != null && state.openWrites > 0) {
                return null;
            }
            versions[i++] = state == null ? 0 : state.version;
        }
        return new Snapshot(generation, environment.version, toList(versions));
    }

    /**
     * A write to these tables starts; an empty collection is a write whose tables are not known (DDL,
     * unanalysed statements, settings): it moves the environment's version and holds the whole environment.
     */
    synchronized void beginWrite(String environmentId, Collection<String> tables) {
        move(environmentId, tables, +1);
    }

    /** The write is visible (or undone): moves the versions again and releases the tables. */
    synchronized void endWrite(String environmentId, Collection<String> tables) {
        move(environmentId, tables, -1);
    }

    /** Forgets every version: every entry keyed by an older generation is unreachable. */
    synchronized void invalidateAll() {
        generation++;
        for (EnvironmentState environment : environments.values()) {
            environment.version = counter.incrementAndGet();
        }
    }

    /** Moves the environment's own version: every entry of the environment is unreachable. */
    synchronized void invalidateEnvironment(String environmentId) {
        environment(environmentId).version = counter.incrementAndGet();
    }

    private void move(String environmentId, Collection<String> tables, int openDelta) {
        EnvironmentState environment = environment(environmentId);
        if (tables.isEmpty()) {
            environment.version = counter.incrementAndGet();
            environment.openWrites = Math.max(0, environment.openWrites + openDelta);
            return;
        }
        for (String table : tables) {
            String name = key(table);
            TableState state = environment.tables.get(name);
            if (state == null) {
                if (tracked >= maxTracked) {
                    restart();
                    environment = environment(environmentId);
                }
                state = new TableState();
                environment.tables.put(name, state);
                tracked++;
            }
            state.version = counter.incrementAndGet();
            state.openWrites = Math.max(0, state.openWrites + openDelta);
        }
    }

    /** Too many tables: forget them (keeping writes in flight in flight) in a new generation. */
    private void restart() {
        generation++;
        tracked = 0;
        for (EnvironmentState environment : environments.values()) {
            environment.version = counter.incrementAndGet();
            environment.tables.values().removeIf(state -> state.openWrites == 0);
        }
        environments.values().removeIf(environment -> environment.tables.isEmpty() && environment.openWrites == 0);
        for (EnvironmentState environment : environments.values()) {
            tracked += 1 + environment.tables.size();
        }
    }

    private EnvironmentState environment(String environmentId) {
        EnvironmentState existing = environments.get(environmentId);
        if (existing != null) {
            return existing;
        }
        if (tracked >= maxTracked) {
            restart();
        }
        EnvironmentState created = new EnvironmentState();
        environments.put(environmentId, created);
        tracked++;
        return created;
    }

    /** The tracked name of a table: its last part, lower case. */
    static String key(String table) {
        int dot = table.lastIndexOf('.');
        return (dot < 0 ? table : table.substring(dot + 1)).toLowerCase(java.util.Locale.ROOT);
    }

    private static List<Long> toList(long[] values) {
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return List.of(boxed);
    }

    /**
     * The versions a statement read under: the generation, the environment's version, and one version per
     * table in the order asked.
     */
    record Snapshot(long generation, long environment, List<Long> values) {}

    private static final class EnvironmentState {
        final Map<String, TableState> tables = new HashMap<>();
        long version;
        int openWrites;
    }

    private static final class TableState {
        long version;
        int openWrites;
    }
}

package io.hatidata.wire.pg;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A connection's prepared statements and portals, by name; the empty name is the unnamed statement or
 * portal, which the next Parse or Bind replaces. Both maps are bounded ({@value #MAX_STATEMENTS} statements,
 * {@value #MAX_PORTALS} portals; beyond, {@code 53400}), so a client cannot grow the server's memory without
 * limit.
 *
 * <p>Changed on the event loop, or by the statement worker while the event loop waits for it (SQL
 * cursors, the end of a simple Query's transaction); statement workers read the portals to close
 * suspended ones.
 */
final class ExtendedQueryState {
    static final int MAX_STATEMENTS = 1000;
    static final int MAX_PORTALS = 1000;
    /** How long a suspended portal waits for its next Execute before it is closed. */
    static final Duration SUSPEND_TIMEOUT = Duration.ofMinutes(10);
    /** How long a new statement waits for a closed portal's worker to leave the engine. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final Map<String, PgPreparedStatement> statements = new ConcurrentHashMap<>();
    private final Map<String, Portal> portals = new ConcurrentHashMap<>();
    /** Executions closed while suspended whose workers may still be leaving the engine. */
    private final Set<PortalExecution> released = ConcurrentHashMap.newKeySet();
    private final Duration suspendTimeout;
    /** A portal whose Describe waits for the next message (event loop only), else {@code null}. */
    private Portal owedDescribe;

    ExtendedQueryState() {
        this(SUSPEND_TIMEOUT);
    }

    ExtendedQueryState(Duration suspendTimeout) {
        this.suspendTimeout = suspendTimeout;
    }

    /** Event loop: the Describe of this portal is answered when the next message shows how. */
    void oweDescribe(Portal portal) {
        owedDescribe = portal;
    }

    /** Event loop: the portal whose Describe is owed, if any; it is no longer owed. */
    Portal takeOwedDescribe() {
        Portal owed = owedDescribe;
        owedDescribe = null;
        return owed;
    }

    Duration suspendTimeout() {
        return suspendTimeout;
    }

    /** Keeps a parsed statement: replaces the unnamed one; a named one must not exist yet. */
    void addStatement(PgPreparedStatement statement) throws QueryException {
        String name = statement.name();
        if (!name.isEmpty() && statements.containsKey(name)) {
            throw new QueryException(SqlState.DUPLICATE_PREPARED_STATEMENT,
                    "prepared statement \"" + name + "\" already exists");
        }
        if (!statements.containsKey(name) && statements.size() >= MAX_STATEMENTS) {
            throw new QueryException(SqlState.LIMIT_EXCEEDED, "too many prepared statements on this connection (at most "
                    + MAX_STATEMENTS + "); close some first");
        }
        statements.put(name, statement);
    }

    /** The statement of that name, or {@code 26000}. */
    PgPreparedStatement statement(String name) throws QueryException {
        PgPreparedStatement result = statements.get(name);
        if (result == null) {
            throw new QueryException(SqlState.INVALID_SQL_STATEMENT_NAME, name.isEmpty()
                    ? "unnamed prepared statement does not exist"
                    : "prepared statement \"" + name + "\" does not exist");
        }
        return result;
    }

    /** Keeps a bound portal: replaces (and closes) the unnamed one; a named one must not exist yet. */
    void addPortal(Portal portal) throws QueryException {
        String name = portal.name();
        if (!name.isEmpty() && portals.containsKey(name)) {
            throw new QueryException(SqlState.DUPLICATE_CURSOR, "portal \"" + name + "\" already exists");
        }
        if (!portals.containsKey(name) && portals.size() >= MAX_PORTALS) {
            throw new QueryException(SqlState.LIMIT_EXCEEDED, "too many portals on this connection (at most "
                    + MAX_PORTALS + "); close some first");
        }
        Portal replaced = portals.put(name, portal);
        if (replaced != null) {
            release(replaced, "the unnamed portal was replaced");
        }
    }

    /** Keeps a cursor a DECLARE opened; its name must be free ({@code 42P03}), the portals fewer than the bound. */
    void addCursor(Portal cursor) throws QueryException {
        if (portals.containsKey(cursor.name())) {
            throw new QueryException(SqlState.DUPLICATE_CURSOR, "cursor \"" + cursor.name() + "\" already exists");
        }
        addPortal(cursor);
    }

    /** The portal of that name, or {@code null}. */
    Portal findPortal(String name) {
        return portals.get(name);
    }

    /** The portal of that name, or {@code 34000}. */
    Portal portal(String name) throws QueryException {
        Portal result = portals.get(name);
        if (result == null) {
            throw new QueryException(SqlState.INVALID_CURSOR_NAME, "portal \"" + name + "\" does not exist");
        }
        return result;
    }

    /** Close of a statement; closing one that does not exist is not an error. */
    void closeStatement(String name) {
        statements.remove(name);
    }

    /** Close of a portal; closing one that does not exist is not an error. */
    void closePortal(String name) {
        Portal removed = portals.remove(name);
        if (removed != null) {
            release(removed, removed.describe() + " was closed");
        }
    }

    /**
     * The transaction ended (a Sync or a simple Query outside a transaction block): every portal goes but
     * the cursors declared {@code WITH HOLD}, as in PostgreSQL.
     */
    void closeTransactionPortals() {
        closeWhere(each -> !each.holdable(), "the transaction of the portal ended");
    }

    /** {@code CLOSE ALL}: every cursor declared in SQL goes; the protocol's portals stay. */
    void closeCursors() {
        closeWhere(each -> each.cursor() != null, "the cursor was closed");
    }

    private void closeWhere(Predicate<Portal> condition, String reason) {
        if (portals.isEmpty()) {
            return;
        }
        for (Portal each : List.copyOf(portals.values())) {
            if (condition.test(each) && portals.remove(each.name(), each)) {
                release(each, reason);
            }
        }
    }

    /**
     * Closes a portal's suspended execution and remembers every execution whose worker has not left the
     * engine yet (suspended, closed earlier by its timeout, or a cursor's still starting) until it has.
     */
    private void release(Portal portal, String reason) {
        PortalExecution execution = portal.execution();
        if (execution != null && !execution.workerLeft()) {
            released.add(execution);
        }
        portal.close(reason);
    }

    /**
     * Worker, before another statement runs on the session: a suspended portal holds the engine's
     * streaming result, so it is closed (a later Execute of it gets {@code 55000}) and its worker awaited,
     * as are the workers of portals closed earlier (Close, Sync, a replaced unnamed portal).
     */
    void closeSuspendedPortals(Portal except) {
        for (PortalExecution each : released) {
            each.awaitFinished(CLOSE_WAIT);
            released.remove(each);
        }
        for (Portal each : portals.values()) {
            PortalExecution execution = each.execution();
            if (each == except || execution == null || execution.state() != PortalExecution.State.SUSPENDED) {
                continue;
            }
            execution.close(SqlState.NOT_IN_PREREQUISITE_STATE, each.describe()
                    + " was closed because another statement ran while it was " + (each.cursor() != null ? "open" : "suspended"));
            execution.awaitFinished(CLOSE_WAIT);
        }
    }

    /**
     * Executor, when the connection closed: everything goes; the workers of suspended portals are
     * released and awaited, so the session closes under no running statement.
     */
    void closeAll() {
        List<Portal> open = List.copyOf(portals.values());
        closeWhere(each -> true, "the connection closed");
        statements.clear();
        for (Portal each : open) {
            PortalExecution execution = each.execution();
            if (execution != null) {
                execution.awaitFinished(CLOSE_WAIT);
            }
        }
        closeSuspendedPortals(null);
    }

    int statementCount() {
        return statements.size();
    }

    int portalCount() {
        return portals.size();
    }
}

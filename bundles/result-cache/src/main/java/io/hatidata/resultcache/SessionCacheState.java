package io.hatidata.resultcache;

import io.hatidata.api.query.TransactionStatus;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The cache's facts about one client session, kept as a session resource: the writes it has open (held
 * in flight in {@link TableVersions} until the session's transaction ends, so other sessions neither
 * serve nor store results over data that is about to change or may be rolled back), and whether the
 * session changed its settings or name resolution (then its reads are never cached). Closing the session
 * releases its writes.
 */
final class SessionCacheState implements AutoCloseable {
    private final TableVersions versions;
    private final String environmentId;
    private final Set<String> heldTables = new LinkedHashSet<>();
    private boolean heldEnvironment;
    private boolean diverged;

    /**
     * @param status the session's transaction state when the cache first sees it: a session already inside
     *     a transaction block (it began before this cache instance existed) may have written anything, so
     *     until that block ends the whole environment counts as in flight
     */
    SessionCacheState(TableVersions versions, String environmentId, TransactionStatus status) {
        this.versions = versions;
        this.environmentId = environmentId;
        if (status != TransactionStatus.IDLE) {
            versions.beginWrite(environmentId, List.of());
            heldEnvironment = true;
        }
    }

    /** The session's later statements may resolve names or compute values differently from others'. */
    synchronized void diverge() {
        diverged = true;
    }

    synchronized boolean diverged() {
        return diverged;
    }

    /** A write is about to run: its tables (or the environment) are in flight until {@link #releaseIfIdle}. */
    synchronized void hold(StatementRules.Effect effect) {
        if (effect.environmentWide()) {
            if (heldEnvironment) {
                versions.invalidateEnvironment(environmentId);
            } else {
                versions.beginWrite(environmentId, List.of());
                heldEnvironment = true;
            }
            return;
        }
        for (String table : effect.tables()) {
            String key = TableVersions.key(table);
            if (heldTables.add(key)) {
                versions.beginWrite(environmentId, List.of(key));
            }
        }
    }

    /** After a statement: once the session is outside a transaction block, its writes are visible (or undone). */
    synchronized void releaseIfIdle(TransactionStatus status) {
        if (status == TransactionStatus.IDLE) {
            release();
        }
    }

    synchronized boolean holdsWrites() {
        return heldEnvironment || !heldTables.isEmpty();
    }

    private void release() {
        if (!heldTables.isEmpty()) {
            versions.endWrite(environmentId, List.copyOf(heldTables));
            heldTables.clear();
        }
        if (heldEnvironment) {
            versions.endWrite(environmentId, List.of());
            heldEnvironment = false;
        }
    }

    @Override
    public synchronized void close() {
        release();
    }
}

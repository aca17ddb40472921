package io.hatidata.engine.duckdb;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DuckDB prepared statements one engine session keeps for statement texts it runs again (issue 11):
 * DuckDB parses, binds and plans a text in about 0.1 ms even for {@code SELECT 1}, and a kept prepared
 * statement skips all of it. A text is kept the second time it is seen within the last {@code capacity}
 * texts, so a stream of different texts (literals inlined) does not churn native statements; the least
 * recently used one is closed when the cache is full.
 *
 * <p>Only single statements that read or change rows are kept ({@link #cacheable}): DuckDB runs every
 * statement but the last of a multi-statement text when it prepares it, so such a text must be prepared
 * each time, and utility statements (SET, PRAGMA, ATTACH, DDL, transaction control) are cheap to plan and
 * may act at prepare time; they also drop every kept statement ({@link #invalidates}). DuckDB re-binds a kept statement by itself after a catalog change (1.5 also
 * when its result columns changed; DuckDbSessionTest checks it); a kept statement that fails is dropped
 * ({@link #evict}) and the text is prepared anew when it comes again.
 * Synchronized only because a session may be closed from another thread while its statement runs.
 */
final class StatementCache {
    private static final Logger LOG = LoggerFactory.getLogger(StatementCache.class);

    private final LinkedHashMap<String, PreparedStatement> entries;
    private final int capacity;

    StatementCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true);
    }

    /**
     * Whether a text may be kept: it starts with {@code SELECT}, {@code WITH}, {@code VALUES}, {@code FROM},
     * {@code INSERT}, {@code UPDATE} or {@code DELETE} (after blanks; a leading comment is not looked
     * through) and has no semicolon except at its end (a semicolon inside a literal also disqualifies it,
     * which is only a missed chance).
     */
    static boolean cacheable(String sql) {
        int start = 0;
        int end = sql.length();
        while (start < end && Character.isWhitespace(sql.charAt(start))) {
            start++;
        }
        while (end > start && (Character.isWhitespace(sql.charAt(end - 1)) || sql.charAt(end - 1) == ';')) {
            end--;
        }
        if (sql.indexOf(';', start) >= 0 && sql.indexOf(';', start) < end) {
            return false;
        }
        return switch (firstWord(sql)) {
            case "SELECT", "WITH", "VALUES", "FROM", "INSERT", "UPDATE", "DELETE" -> true;
            default -> false;
        };
    }

    /**
     * Whether running this text must drop every kept statement first: it is not a kept kind and not
     * transaction control. DuckDB re-binds a kept statement after a catalog change, but not after
     * {@code SET search_path} or {@code USE}, which change how its names resolve; so any such statement
     * (SET, RESET, USE, PRAGMA, ATTACH, DDL, …) starts the session's cache afresh.
     */
    static boolean invalidates(String sql) {
        if (cacheable(sql)) {
            return false;
        }
        String word = firstWord(sql);
        return switch (word) {
            case "BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE" -> false;
            default -> true;
        };
    }

    private static String firstWord(String sql) {
        int start = 0;
        while (start < sql.length() && Character.isWhitespace(sql.charAt(start))) {
            start++;
        }
        int end = start;
        while (end < sql.length() && Character.isLetter(sql.charAt(end)) && end - start <= 16) {
            end++;
        }
        return sql.substring(start, end).toUpperCase(java.util.Locale.ROOT);
    }

    /** The kept statement for this text, or {@code null}. */
    synchronized PreparedStatement get(String sql) {
        return entries.get(sql);
    }

    /**
     * Whether a text that has no kept statement should be prepared and {@link #keep kept} now: it was seen
     * before. Otherwise the sighting is remembered and {@code false} returned.
     */
    synchronized boolean admit(String sql) {
        if (entries.containsKey(sql)) {
            return true;
        }
        remember(sql, null);
        return false;
    }

    synchronized void keep(String sql, PreparedStatement statement) {
        remember(sql, statement);
    }

    /** Drops and closes the kept statement of a text (after it failed). */
    synchronized void evict(String sql) {
        close(entries.remove(sql));
    }

    /** Closes every kept statement. */
    void clear() {
        List<PreparedStatement> kept;
        synchronized (this) {
            kept = new ArrayList<>(entries.values());
            entries.clear();
        }
        kept.forEach(StatementCache::close);
    }

    synchronized int size() {
        return entries.size();
    }

    private void remember(String sql, PreparedStatement statement) {
        entries.put(sql, statement);
        if (entries.size() > capacity) {
            Iterator<Map.Entry<String, PreparedStatement>> eldest = entries.entrySet().iterator();
            close(eldest.next().getValue());
            eldest.remove();
        }
    }

    private static void close(PreparedStatement statement) {
        if (statement == null) {
            return;
        }
        try {
            statement.close();
        } catch (SQLException ex) {
            LOG.debug("Closing a kept DuckDB statement failed: {}", ex.getMessage());
        }
    }
}

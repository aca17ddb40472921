package io.hatidata.sql.governance;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.sql.GovernedTable;
import io.hatidata.sql.parse.LiteralShape;
import io.hatidata.sql.parse.SlotTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rewriter's caches, both keyed by the governed tables as well (their names, projections, masks, row
 * filters and bound values: a change of policy or of the principal's attributes is another key):
 * <ol>
 *   <li>exact: the statement's text → its rewrite, or its refusal (reproduced with the same SQLSTATE and
 *       message);</li>
 *   <li>literal-insensitive: the statement's text with its free literals cut out ({@link LiteralShape},
 *       the translator's rule) → the rewrite as a {@link SlotTemplate}. Built the second time a shape
 *       comes: the statement is rewritten again with sentinel values; each sentinel must come out exactly
 *       once and the template filled with the real values must reproduce the real rewrite exactly, or the
 *       shape is never templated. A shape whose rewrite is refused is never templated (its refusals are
 *       cached exactly). The rewrite copies the client's text around the governed references verbatim,
 *       and a free literal is one token whatever its value, so every governed reference of a templated
 *       statement is inside a sub-query the proven rewrite inserted.</li>
 * </ol>
 * Statements with leading or trailing white space, or longer than the configured bound, are only cached
 * exactly or not at all respectively. Every map is a bounded LRU. Thread-safe.
 */
final class RewriteCache {

    /** The full rewrite of a statement against the tables of the call. */
    interface FullRewrite {
        String rewrite(String sql) throws QueryException;
    }

    private record Key(String text, List<GovernedTable> tables) {}

    /** A rewrite, or a refusal ({@code rewritten == null}). */
    private record Outcome(String rewritten, String sqlState, String message) {
        String get() throws QueryException {
            if (rewritten == null) {
                throw new QueryException(sqlState, message);
            }
            return rewritten;
        }
    }

    private final int maxEntries;
    private final int maxLength;
    private final Map<Key, Outcome> exact;
    private final Map<Key, Optional<SlotTemplate>> templates;
    private final Map<Key, Boolean> seen;

    /**
     * @param maxEntries entries of each map (0: no caching)
     * @param maxLength statements longer than this many characters are not cached
     */
    RewriteCache(int maxEntries, int maxLength) {
        this.maxEntries = maxEntries;
        this.maxLength = maxLength;
        this.exact = lru(maxEntries);
        this.templates = lru(maxEntries);
        this.seen = lru(maxEntries);
    }

    /** The rewrite of {@code sql}: cached, templated, or {@code full}'s (then remembered). */
    String rewrite(String sql, List<GovernedTable> tables, FullRewrite full) throws QueryException {
        if (maxEntries <= 0 || sql.length() > maxLength) {
            return full.rewrite(sql);
        }
        Key key = new Key(sql, List.copyOf(tables));
        Outcome cached;
        synchronized (exact) {
            cached = exact.get(key);
        }
        if (cached != null) {
            return cached.get();
        }
        LiteralShape shape = stripped(sql) ? LiteralShape.of(sql) : null;
        Key shapeKey = shape == null ? null : new Key(shape.exactKey(), key.tables());
        if (shapeKey != null) {
            Optional<SlotTemplate> template;
            synchronized (templates) {
                template = templates.get(shapeKey);
            }
            if (template != null && template.isPresent()) {
                return template.get().fill(shape.literals());
            }
        }
        Outcome outcome;
        try {
            outcome = new Outcome(full.rewrite(sql), null, null);
        } catch (QueryException refused) {
            outcome = new Outcome(null, refused.sqlState(), refused.getMessage());
        }
        synchronized (exact) {
            exact.put(key, outcome);
        }
        if (shapeKey != null) {
            learn(shapeKey, shape, sql, outcome, full);
        }
        return outcome.get();
    }

    /** The second sighting of a shape builds and proves its template (or marks it as never templated). */
    private void learn(Key shapeKey, LiteralShape shape, String sql, Outcome real, FullRewrite full) {
        synchronized (seen) {
            if (seen.put(shapeKey, Boolean.TRUE) == null) {
                return; // first sighting: most statements come once
            }
        }
        synchronized (templates) {
            if (templates.containsKey(shapeKey)) {
                return;
            }
        }
        SlotTemplate template = null;
        if (real.rewritten() != null) {
            LiteralShape.Probe probe = shape.probe(sql);
            try {
                template = SlotTemplate.proven(probe, full.rewrite(probe.sql()), shape, real.rewritten());
            } catch (QueryException refused) {
                template = null;
            }
        }
        synchronized (templates) {
            templates.put(shapeKey, Optional.ofNullable(template));
        }
    }

    int exactSize() {
        synchronized (exact) {
            return exact.size();
        }
    }

    int templateSize() {
        synchronized (templates) {
            return (int) templates.values().stream().filter(Optional::isPresent).count();
        }
    }

    private static boolean stripped(String sql) {
        return !sql.isEmpty() && !Character.isWhitespace(sql.charAt(0))
                && !Character.isWhitespace(sql.charAt(sql.length() - 1));
    }

    private static <K, V> Map<K, V> lru(int maxEntries) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > maxEntries;
            }
        };
    }
}

package io.hatidata.policy;

import io.hatidata.api.engine.EngineSession;
import io.hatidata.api.engine.QueryEngine;
import io.hatidata.api.query.Column;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The views of an environment that read governed tables, directly or through other views: DuckDB expands
 * a view at read time, below the rewrite, so reading one would bypass masks and filters. Found from
 * {@code duckdb_views()} by name (a view whose SQL names a governed table or a tainted view, as a word),
 * cached for a few seconds per environment and forgotten on DDL.
 */
final class GovernedViews {
    private static final long TTL_NANOS = 5_000_000_000L;
    private static final int MAX_VIEWS = 10_000;
    private static final int MAX_ENVIRONMENTS = 10_000;

    private record Entry(Map<String, String> views, long loadedAt) {}

    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    /** The tainted view names (lower case) among the environment's views. */
    Set<String> tainted(QueryEngine engine, String environmentId, Set<String> governedTables) throws QueryException {
        Map<String, String> views = views(engine, environmentId);
        Set<String> tainted = new LinkedHashSet<>();
        Set<String> bad = new LinkedHashSet<>(governedTables);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<String, String> each : views.entrySet()) {
                if (!tainted.contains(each.getKey()) && mentionsAny(each.getValue(), bad)) {
                    tainted.add(each.getKey());
                    bad.add(each.getKey());
                    grew = true;
                }
            }
        }
        return tainted;
    }

    void forget(String environmentId) {
        cache.remove(environmentId);
    }

    static boolean mentionsAny(String sql, Set<String> names) {
        String lower = sql.toLowerCase(Locale.ROOT);
        for (String each : names) {
            if (Pattern.compile("(^|[^a-z0-9_$])" + Pattern.quote(each) + "($|[^a-z0-9_$])").matcher(lower).find()) {
                return true;
            }
        }
        return false;
    }

    private Map<String, String> views(QueryEngine engine, String environmentId) throws QueryException {
        Entry entry = cache.get(environmentId);
        long now = System.nanoTime();
        if (entry != null && now - entry.loadedAt() < TTL_NANOS) {
            return entry.views();
        }
        Map<String, String> views = new HashMap<>();
        try (EngineSession session = engine.openSession(environmentId)) {
            session.execute("SELECT view_name, sql FROM duckdb_views() WHERE NOT internal", new ResultSink() {
                @Override
                public void columns(List<Column> columns) {}

                @Override
                public void row(Object[] values) {
                    if (views.size() < MAX_VIEWS) {
                        views.put(String.valueOf(values[0]).toLowerCase(Locale.ROOT), String.valueOf(values[1]));
                    }
                }

                @Override
                public void complete(String commandTag) {}
            });
        }
        if (cache.size() >= MAX_ENVIRONMENTS) {
            cache.clear();
        }
        cache.put(environmentId, new Entry(Map.copyOf(views), now));
        return views;
    }
}

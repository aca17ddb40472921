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
 * The views and macros of an environment that read governed tables, directly or through other views and
 * macros, and the macros that call dynamic SQL: DuckDB expands them where they are used, below the
 * rewrite, so using one would bypass masks and filters. Found from {@code duckdb_views()} and the
 * user macros of {@code duckdb_functions()} by name (SQL that names a governed table or a tainted view or
 * macro, as a word), cached for a few seconds per environment and forgotten on DDL.
 */
final class GovernedViews {
    private static final long TTL_NANOS = 5_000_000_000L;
    private static final int MAX_VIEWS = 10_000;
    private static final int MAX_ENVIRONMENTS = 10_000;

    /** The dynamic-SQL functions: a macro calling one can read any table under a name passed to it. */
    static final Set<String> DYNAMIC_SQL = Set.of("query", "query_table", "json_execute_serialized_sql");

    /** An environment's views and macros, by lower-case name: their SQL, and which of them are macros. */
    private record Entry(Map<String, String> views, Set<String> macros, long loadedAt) {}

    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    /** The tainted view names (lower case) among the environment's views. */
    Set<String> tainted(QueryEngine engine, String environmentId, Set<String> governedTables) throws QueryException {
        Entry entry = load(engine, environmentId);
        Map<String, String> views = entry.views();
        Set<String> tainted = new LinkedHashSet<>();
        Set<String> bad = new LinkedHashSet<>(governedTables);
        // a macro calling dynamic SQL reads whatever table it is handed
        for (String macro : entry.macros()) {
            if (mentionsAny(views.get(macro), DYNAMIC_SQL)) {
                tainted.add(macro);
                bad.add(macro);
            }
        }
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

    /** Whether the name is one of the environment's macros (loaded by the last {@link #tainted} call). */
    boolean isMacro(String environmentId, String name) {
        Entry entry = cache.get(environmentId);
        return entry != null && entry.macros().contains(name);
    }

    private Entry load(QueryEngine engine, String environmentId) throws QueryException {
        Entry entry = cache.get(environmentId);
        long now = System.nanoTime();
        if (entry != null && now - entry.loadedAt() < TTL_NANOS) {
            return entry;
        }
        Map<String, String> views = new HashMap<>();
        Set<String> macros = new LinkedHashSet<>();
        try (EngineSession session = engine.openSession(environmentId)) {
            session.execute("SELECT view_name, sql, false FROM duckdb_views() WHERE NOT internal"
                    + " UNION ALL SELECT function_name, coalesce(macro_definition, ''), true FROM duckdb_functions()"
                    + " WHERE function_type IN ('macro', 'table_macro') AND NOT internal", new ResultSink() {
                @Override
                public void columns(List<Column> columns) {}

                @Override
                public void row(Object[] values) {
                    if (views.size() < MAX_VIEWS) {
                        String name = String.valueOf(values[0]).toLowerCase(Locale.ROOT);
                        views.put(name, String.valueOf(values[1]));
                        if (values.length > 2 && Boolean.TRUE.equals(values[2])) {
                            macros.add(name);
                        }
                    }
                }

                @Override
                public void complete(String commandTag) {}
            });
        }
        if (cache.size() >= MAX_ENVIRONMENTS) {
            cache.clear();
        }
        Entry loaded = new Entry(Map.copyOf(views), Set.copyOf(macros), now);
        cache.put(environmentId, loaded);
        return loaded;
    }
}

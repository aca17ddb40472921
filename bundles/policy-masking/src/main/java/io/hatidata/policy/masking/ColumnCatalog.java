package io.hatidata.policy.masking;

import io.hatidata.api.engine.EngineSession;
import io.hatidata.api.engine.QueryEngine;
import io.hatidata.api.query.Column;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import io.hatidata.api.sql.TableReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The columns of governed tables, from the environment's engine catalog, cached for a few seconds and
 * forgotten for an environment whenever a DDL statement passes. A missing table is not cached. A stale
 * list can only make a statement fail (a column the projection lacks or no longer has), never show a
 * raw value: every listed column that a rule names is masked.
 */
final class ColumnCatalog {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(List<String> columns, long loadedAt) {}

    private final long ttlNanos;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    ColumnCatalog(long ttlMillis) {
        this.ttlNanos = ttlMillis * 1_000_000L;
    }

    List<String> columns(QueryEngine engine, String environmentId, TableReference table) throws QueryException {
        String key = environmentId + "/" + table.normalizedName();
        Entry entry = cache.get(key);
        long now = System.nanoTime();
        if (entry != null && now - entry.loadedAt() < ttlNanos) {
            return entry.columns();
        }
        String schema = table.schema() == null ? "main" : table.schema();
        if (!NAME.matcher(schema).matches() || !NAME.matcher(table.name()).matches()) {
            throw new IllegalArgumentException("not a plain table name: " + table);
        }
        List<String> columns = new ArrayList<>();
        try (EngineSession session = engine.openSession(environmentId)) {
            session.execute("SELECT column_name FROM information_schema.columns WHERE lower(table_name) = '"
                    + table.name().toLowerCase(Locale.ROOT) + "' AND lower(table_schema) = '"
                    + schema.toLowerCase(Locale.ROOT) + "' ORDER BY ordinal_position", new ResultSink() {
                        @Override
                        public void columns(List<Column> ignored) {}

                        @Override
                        public void row(Object[] values) {
                            columns.add(String.valueOf(values[0]));
                        }

                        @Override
                        public void complete(String commandTag) {}
                    });
        }
        if (!columns.isEmpty()) {
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(key, new Entry(List.copyOf(columns), now));
        }
        return List.copyOf(columns);
    }

    void forget(String environmentId) {
        cache.keySet().removeIf(each -> each.startsWith(environmentId + "/"));
    }
}

package io.hatidata.billing;

import io.hatidata.api.engine.EngineSession;
import io.hatidata.api.engine.QueryEngine;
import io.hatidata.api.query.Column;
import io.hatidata.api.query.ResultSink;
import io.hatidata.api.sql.TableReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Row counts of environment tables from DuckDB's own statistics ({@code duckdb_tables().estimated_size}),
 * cached per environment and table for {@code cacheSeconds}. Unknown ({@code -1}) when no engine is
 * running, the table is not a base table (a view, a catalog table) or the engine cannot answer.
 */
final class TableStatistics {
    private record Key(String environmentId, String table) {}

    private final TtlCache<Key, Long> rows;

    TableStatistics(int cacheSeconds) {
        this.rows = new TtlCache<>(TimeUnit.SECONDS.toNanos(cacheSeconds), 10_000, System::nanoTime);
    }

    /** The table's estimated row count, or -1. */
    long rows(QueryEngine engine, String environmentId, TableReference table) {
        if (engine == null) {
            return -1;
        }
        try {
            return rows.get(new Key(environmentId, table.normalizedName()), key -> load(engine, environmentId, table));
        } catch (Exception ex) {
            return -1;
        }
    }

    private static long load(QueryEngine engine, String environmentId, TableReference table) throws Exception {
        List<Object> parameters = new ArrayList<>();
        parameters.add(table.name().toLowerCase(Locale.ROOT));
        String sql = "SELECT estimated_size FROM duckdb_tables() WHERE lower(table_name) = $1";
        if (table.schema() != null) {
            sql += " AND lower(schema_name) = $2";
            parameters.add(table.schema().toLowerCase(Locale.ROOT));
        } else {
            sql += " AND schema_name = current_schema()";
        }
        AtomicLong result = new AtomicLong(-1);
        try (EngineSession session = engine.openSession(environmentId)) {
            session.execute(sql, parameters, new ResultSink() {
                @Override
                public void columns(List<Column> columns) {}

                @Override
                public void row(Object[] values) {
                    if (values[0] instanceof Number number) {
                        result.set(number.longValue());
                    }
                }

                @Override
                public void complete(String commandTag) {}
            });
        }
        return result.get();
    }
}

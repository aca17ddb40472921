package io.hatidata.api.sql;

import java.util.List;
import java.util.Objects;

/**
 * What the SQL analyzer learned about one statement, and the SQL the engine runs for it.
 *
 * <p>When the parser cannot read a statement ({@link #analyzed()} is {@code false}) it is passed to the
 * engine unchanged: PostgreSQL and DuckDB utility statements, catalog queries and DuckDB-only syntax
 * keep working, and a real syntax error is reported by the engine with its position. Such an analysis
 * has a kind guessed from the first keyword, no tables and no lineage; a policy that needs the tables
 * must refuse statements that were not analyzed.
 *
 * @param sql the statement as analyzed (the client's Snowflake-dialect text)
 * @param kind what the statement does
 * @param tablesRead tables the statement reads, each once, in order of first appearance
 * @param tablesWritten tables the statement changes (insert, update, delete, merge target, DDL object)
 * @param lineage one entry per output column of a query; empty for other statements
 * @param engineSql the statement in the engine's dialect (DuckDB); equal to {@code sql} when nothing
 *     needed translation or the statement was not analyzed
 * @param analyzed whether the statement was parsed, so that the tables and lineage are complete
 * @since 1.0.0
 */
public record StatementAnalysis(
        String sql,
        StatementKind kind,
        List<TableReference> tablesRead,
        List<TableReference> tablesWritten,
        List<ColumnLineage> lineage,
        String engineSql,
        boolean analyzed) {

    /**
     * The key under which the table-extraction stage leaves the analysis in
     * {@link io.hatidata.api.pipeline.QueryContext#attributes()}.
     */
    public static final String ATTRIBUTE = "io.hatidata.api.sql.StatementAnalysis";

    public StatementAnalysis {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(kind, "kind");
        tablesRead = List.copyOf(Objects.requireNonNull(tablesRead, "tablesRead"));
        tablesWritten = List.copyOf(Objects.requireNonNull(tablesWritten, "tablesWritten"));
        lineage = List.copyOf(Objects.requireNonNull(lineage, "lineage"));
        Objects.requireNonNull(engineSql, "engineSql");
    }

    /** Whether the engine SQL differs from the client's text. */
    public boolean transpiled() {
        return !engineSql.equals(sql);
    }
}

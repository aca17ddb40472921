package io.hatidata.billing;

import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.sql.ColumnLineage;
import io.hatidata.api.sql.LeadingWords;
import io.hatidata.api.sql.SourceColumn;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.api.sql.StatementKind;
import io.hatidata.api.sql.TableReference;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the credit formula needs to know about a statement, from the table-extraction stage's
 * {@link StatementAnalysis}.
 *
 * @param metered whether the statement costs credits at all: session and transaction control
 *     ({@code SET}, {@code BEGIN}, {@code SHOW}, …), descriptions ({@code DESCRIBE}, {@code EXPLAIN}
 *     without ANALYZE) and statements that only read the catalog
 *     ({@code pg_catalog}, {@code information_schema}) are free, so drivers and BI tools connecting never
 *     pay and a client over its limit can still connect
 * @param kind the statement kind for the usage breakdown: {@code select}, {@code insert}, {@code update},
 *     {@code delete} or {@code other}
 * @param tables distinct tables read or written
 * @param selectStar whether an output column is a star expansion
 * @param fullScan whether the statement reads whole tables (the pipeline's full-scan verdict)
 */
record StatementShape(boolean metered, String kind, Set<TableReference> tables, boolean selectStar,
        boolean fullScan) {
    private static final Set<String> CATALOG_SCHEMAS = Set.of("pg_catalog", "information_schema");
    /** First words of the utility statements that cost nothing: session and transaction control, descriptions. */
    private static final Set<String> FREE = Set.of("SET", "RESET", "SHOW", "BEGIN", "START", "COMMIT", "END",
            "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE", "DISCARD", "DEALLOCATE", "DESCRIBE", "USE");

    StatementShape {
        tables = Set.copyOf(tables);
    }

    /** The shape of the statement in the context, with the pipeline's full-scan verdict. */
    static StatementShape of(QueryContext context, boolean fullScan) {
        if (!(context.attributes().get(StatementAnalysis.ATTRIBUTE) instanceof StatementAnalysis analysis)) {
            return new StatementShape(true, "other", Set.of(), false, false);
        }
        return of(analysis, fullScan);
    }

    static StatementShape of(StatementAnalysis analysis, boolean fullScan) {
        Set<TableReference> tables = new LinkedHashSet<>(analysis.tablesRead());
        tables.addAll(analysis.tablesWritten());
        boolean catalogOnly = !tables.isEmpty() && tables.stream().allMatch(StatementShape::catalog);
        boolean metered = !catalogOnly && !(analysis.kind() == StatementKind.UTILITY && free(analysis.sql()));
        boolean star = false;
        for (ColumnLineage column : analysis.lineage()) {
            for (SourceColumn source : column.sources()) {
                star |= source.column().equals("*");
            }
        }
        return new StatementShape(metered, kindOf(analysis.kind()), tables, star, fullScan);
    }

    /**
     * Whether a utility statement is session or transaction control, or only describes: those are free.
     * Other utility statements read or change data (PIVOT, UNPIVOT, SUMMARIZE, COPY, CALL, EXPLAIN ANALYZE,
     * a statement the parser could not read) and are metered like any query.
     */
    static boolean free(String sql) {
        List<String> words = LeadingWords.of(sql, 2);
        if (words.isEmpty()) {
            return false;
        }
        String first = words.get(0);
        if (first.equals("EXPLAIN")) {
            // EXPLAIN (ANALYZE) …, EXPLAIN ANALYSE … run their statement: only EXPLAIN followed by a word
            // other than those is free
            return words.size() == 2 && !words.get(1).equals("ANALYZE") && !words.get(1).equals("ANALYSE");
        }
        if (first.equals("SET") && words.size() == 2 && words.get(1).equals("VARIABLE")) {
            // SET VARIABLE v = (SELECT … FROM big) runs a query
            return false;
        }
        return FREE.contains(first);
    }

    static String kindOf(StatementKind kind) {
        return switch (kind) {
            case QUERY -> "select";
            case INSERT -> "insert";
            case UPDATE -> "update";
            case DELETE -> "delete";
            default -> "other";
        };
    }

    private static boolean catalog(TableReference table) {
        String schema = table.schema();
        if (schema != null) {
            return CATALOG_SCHEMAS.contains(schema.toLowerCase(Locale.ROOT));
        }
        String name = table.name().toLowerCase(Locale.ROOT);
        return name.startsWith("pg_") || name.startsWith("duckdb_");
    }
}

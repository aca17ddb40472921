package io.hatidata.api.sql;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link TableRewriter} puts in place of every reference to one table.
 *
 * <p>A reference becomes the sub-query {@code (SELECT <projection> FROM <table> [WHERE <filter>])} under
 * the reference's alias (or the table's own name), so everything the statement derives from the table sees
 * only what the sub-query projects and keeps.
 *
 * @param table the governed table (a reference matches when its last part equals this name's, ignoring
 *     case, and its schema, when both name one, too)
 * @param policy the name reported in refusals ({@code permission denied by policy <policy>: …})
 * @param columns every column of the table in order, needed only when {@code maskedColumns} is not empty
 *     (the projection lists them); empty otherwise
 * @param maskedColumns column name (any case) → the SQL expression projected instead of it, written over
 *     the raw column (for example {@code sha256(CAST("email" AS VARCHAR))}); trusted text from the masking
 *     provider, never from a client
 * @param rowFilter a boolean predicate over the table's columns in which {@code ?} marks the values of
 *     {@code rowFilterValues}, or empty for no row filter; the rewriter renders each value as a literal of
 *     its Java type ({@link String}, {@link Long}, {@link Integer}, {@link java.math.BigDecimal},
 *     {@link Double}, {@link Boolean}), never by splicing text
 * @param rowFilterValues the values of the {@code ?} marks in order
 * @since 1.1.0
 */
public record GovernedTable(TableReference table, String policy, List<String> columns,
        Map<String, String> maskedColumns, String rowFilter, List<Object> rowFilterValues) {
    public GovernedTable {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(policy, "policy");
        columns = List.copyOf(columns);
        maskedColumns = Map.copyOf(maskedColumns);
        Objects.requireNonNull(rowFilter, "rowFilter");
        rowFilterValues = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(rowFilterValues));
        if (!maskedColumns.isEmpty() && columns.isEmpty()) {
            throw new IllegalArgumentException("masking " + table + " needs its column list");
        }
    }

    /** A table whose rows are filtered. */
    public static GovernedTable filtered(TableReference table, String policy, String rowFilter, List<Object> values) {
        return new GovernedTable(table, policy, List.of(), Map.of(), rowFilter, values);
    }

    /** A table whose columns are masked. */
    public static GovernedTable masked(TableReference table, String policy, List<String> columns,
            Map<String, String> maskedColumns) {
        return new GovernedTable(table, policy, columns, maskedColumns, "", List.of());
    }
}

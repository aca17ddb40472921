package io.hatidata.api.sql;

import java.util.Objects;

/**
 * A column of a table that contributes to an output column.
 *
 * @param table the table, never a common table expression or sub-query (those are resolved through)
 * @param column the column's name as written, or {@code *} when the output is a star expansion
 * @since 1.0.0
 */
public record SourceColumn(TableReference table, String column) {
    public SourceColumn {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
    }

    @Override
    public String toString() {
        return table + "." + column;
    }
}

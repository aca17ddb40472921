package io.hatidata.api.sql;

import java.util.Objects;
import java.util.Set;

/**
 * Where one column of a query's result comes from.
 *
 * <p>Lineage is conservative: a column name that cannot be attributed to one table (unqualified, with
 * several tables in scope) lists every table in scope as a possible source, and a star lists
 * {@code table.*} for each table it expands. An output computed only from literals has no sources.
 *
 * @param position the output column's position, from 1
 * @param name the output column's name (its alias, else the column's own name, else the expression text)
 * @param sources the table columns the value is computed from
 * @since 1.0.0
 */
public record ColumnLineage(int position, String name, Set<SourceColumn> sources) {
    public ColumnLineage {
        Objects.requireNonNull(name, "name");
        sources = Set.copyOf(Objects.requireNonNull(sources, "sources"));
    }
}

package io.hatidata.api.query;

import java.util.List;
import java.util.Objects;

/**
 * What a statement takes and returns, as the engine sees it before running it: the types of its
 * parameters {@code $1} … {@code $n} and the columns of its result.
 *
 * @param parameterTypes one type per parameter, in order; {@link ColumnType#TEXT} where the engine cannot
 *     infer one
 * @param columns the result columns; empty when the statement returns no rows
 * @since 1.0.0
 */
public record StatementDescription(List<ColumnType> parameterTypes, List<Column> columns) {
    /**
     * The key under which the execute stage leaves the description of a
     * {@linkplain io.hatidata.api.pipeline.QueryContext#describeOnly() describe-only} statement in
     * {@link io.hatidata.api.pipeline.QueryContext#attributes()}, so the front-end can report parameter types.
     */
    public static final String ATTRIBUTE = "io.hatidata.api.query.StatementDescription";

    public StatementDescription {
        parameterTypes = List.copyOf(Objects.requireNonNull(parameterTypes, "parameterTypes"));
        columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
    }
}

package io.hatidata.billing;

import io.hatidata.api.query.Column;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import io.hatidata.api.query.SqlState;
import java.util.List;

/**
 * Passes a result on until it has sent {@code max_rows_per_query} rows; the next row ends the statement
 * with {@code 53400}, so a client never takes a cut result for a complete one.
 */
final class RowLimitSink implements ResultSink {
    private final ResultSink delegate;
    private final long maxRows;
    private long rows;

    RowLimitSink(ResultSink delegate, long maxRows) {
        this.delegate = delegate;
        this.maxRows = maxRows;
    }

    @Override
    public void columns(List<Column> columns) throws QueryException {
        delegate.columns(columns);
    }

    @Override
    public void row(Object[] values) throws QueryException {
        if (rows >= maxRows) {
            throw new QueryException(SqlState.LIMIT_EXCEEDED, "quota max_rows_per_query exceeded: the result has"
                    + " more than " + maxRows + " rows; add a LIMIT or a narrower WHERE");
        }
        rows++;
        delegate.row(values);
    }

    @Override
    public void complete(String commandTag) throws QueryException {
        delegate.complete(commandTag);
    }
}

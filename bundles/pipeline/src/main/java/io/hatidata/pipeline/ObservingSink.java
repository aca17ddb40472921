package io.hatidata.pipeline;

import io.hatidata.api.governance.QueryOutcome;
import io.hatidata.api.query.Column;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import java.util.List;

/**
 * A sink that passes everything on and remembers how many rows went through and the command tag, for
 * the metering and audit stages. Used by one thread at a time, like every sink.
 */
final class ObservingSink implements ResultSink {
    private final ResultSink delegate;
    private final long startedNanos = System.nanoTime();
    private long rows;
    private String commandTag = "";

    ObservingSink(ResultSink delegate) {
        this.delegate = delegate;
    }

    @Override
    public void columns(List<Column> columns) throws QueryException {
        delegate.columns(columns);
    }

    @Override
    public void row(Object[] values) throws QueryException {
        delegate.row(values);
        rows++;
    }

    @Override
    public void complete(String tag) throws QueryException {
        delegate.complete(tag);
        commandTag = tag;
    }

    /** The outcome of a statement that completed. */
    QueryOutcome succeeded() {
        return new QueryOutcome(rows, System.nanoTime() - startedNanos, commandTag, "", "");
    }

    /** The outcome of a statement that failed with this SQLSTATE and message. */
    QueryOutcome failed(String sqlState, String message) {
        return new QueryOutcome(rows, System.nanoTime() - startedNanos, "", sqlState, message == null ? "" : message);
    }
}

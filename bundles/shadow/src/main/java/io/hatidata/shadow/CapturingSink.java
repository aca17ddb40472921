package io.hatidata.shadow;

import io.hatidata.api.query.Column;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import java.util.List;

/** Passes a result on to a sink (the client's, or none) while capturing it for comparison. */
final class CapturingSink implements ResultSink {
    private final ResultSink next;
    private final CapturedResult captured;

    CapturingSink(ResultSink next, CapturedResult captured) {
        this.next = next;
        this.captured = captured;
    }

    @Override
    public void columns(List<Column> columns) throws QueryException {
        captured.columns(columns);
        next.columns(columns);
    }

    @Override
    public void row(Object[] values) throws QueryException {
        captured.row(values);
        next.row(values);
    }

    @Override
    public void complete(String commandTag) throws QueryException {
        captured.complete(commandTag);
        next.complete(commandTag);
    }
}

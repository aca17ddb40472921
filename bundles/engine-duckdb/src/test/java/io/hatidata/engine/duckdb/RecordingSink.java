package io.hatidata.engine.duckdb;

import io.hatidata.api.query.Column;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import java.util.ArrayList;
import java.util.List;

/** A sink that records what it receives, optionally refusing rows after a limit (a client going away). */
final class RecordingSink implements ResultSink {
    final List<Column> columns = new ArrayList<>();
    final List<Object[]> rows = new ArrayList<>();
    String tag;
    private final long refuseAfter;

    RecordingSink() {
        this(Long.MAX_VALUE);
    }

    RecordingSink(long refuseAfter) {
        this.refuseAfter = refuseAfter;
    }

    @Override
    public void columns(List<Column> columns) {
        this.columns.addAll(columns);
    }

    @Override
    public void row(Object[] values) throws QueryException {
        if (rows.size() >= refuseAfter) {
            throw new QueryException("08006", "client connection closed");
        }
        rows.add(values);
    }

    @Override
    public void complete(String commandTag) {
        this.tag = commandTag;
    }
}

package io.hatidata.wire.pg;

import io.hatidata.api.query.Column;
import io.hatidata.api.query.ResultSink;
import java.util.List;

/**
 * The sink of a describe-only run through the pipeline: keeps the columns the execute stage reports
 * (none when the statement returns no rows) and ignores anything else.
 */
final class DescribeSink implements ResultSink {
    private List<Column> columns = List.of();

    @Override
    public void columns(List<Column> newColumns) {
        columns = List.copyOf(newColumns);
    }

    @Override
    public void row(Object[] values) {
        // a describe returns no rows; a stage that sends some anyway is ignored
    }

    @Override
    public void complete(String commandTag) {
        // nothing to report
    }

    /** The result columns; empty when the statement returns no rows. */
    List<Column> columns() {
        return columns;
    }
}

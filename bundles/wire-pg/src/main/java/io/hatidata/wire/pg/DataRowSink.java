package io.hatidata.wire.pg;

import io.hatidata.api.query.Column;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import io.hatidata.api.query.SqlState;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;

/**
 * The result sink of one statement of a simple Query: {@code columns} becomes a RowDescription, each
 * {@code row} a DataRow in text format, {@code complete} a CommandComplete. Everything goes through the
 * connection's {@link BackPressureWriter}, so rows stream to the client as they are produced.
 */
final class DataRowSink implements ResultSink {
    private final BackPressureWriter writer;
    private final ByteBufAllocator alloc;
    private int columnCount = -1;

    DataRowSink(BackPressureWriter writer, ByteBufAllocator alloc) {
        this.writer = writer;
        this.alloc = alloc;
    }

    @Override
    public void columns(List<Column> columns) throws QueryException {
        writer.write(BackendMessages.rowDescription(alloc, columns));
        columnCount = columns.size();
    }

    @Override
    public void row(Object[] values) throws QueryException {
        if (values.length != columnCount) {
            throw new QueryException(SqlState.INTERNAL_ERROR, columnCount < 0
                    ? "internal error: a row came before its columns"
                    : "internal error: a row has " + values.length + " values for " + columnCount + " columns");
        }
        writer.write(BackendMessages.dataRow(alloc, values));
    }

    @Override
    public void complete(String commandTag) throws QueryException {
        writer.write(BackendMessages.commandComplete(alloc, commandTag));
    }
}

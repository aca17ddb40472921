package io.hatidata.wire.pg;

import io.hatidata.api.query.Column;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The result sink of {@code COPY … TO STDOUT}: CopyOutResponse for the columns (and a header line in CSV
 * with HEADER), one CopyData per row in the COPY's format, then CopyDone and {@code COPY n}. Rows stream
 * through the connection's {@link BackPressureWriter} like any result.
 */
final class CopyOutSink implements ResultSink {
    private final BackPressureWriter writer;
    private final ByteBufAllocator alloc;
    private final CopyFormat format;
    private long rows;
    private String[] line;

    CopyOutSink(BackPressureWriter writer, ByteBufAllocator alloc, CopyFormat format) {
        this.writer = writer;
        this.alloc = alloc;
        this.format = format;
    }

    @Override
    public void columns(List<Column> columns) throws QueryException {
        writer.write(BackendMessages.copyResponse(alloc, 'H', columns.size()));
        line = new String[columns.size()];
        if (format.header()) {
            for (int i = 0; i < line.length; i++) {
                line[i] = columns.get(i).name();
            }
            send(line);
        }
    }

    @Override
    public void row(Object[] values) throws QueryException {
        for (int i = 0; i < line.length; i++) {
            line[i] = values[i] == null ? null : TextValueEncoder.encode(values[i]);
        }
        send(line);
        rows++;
    }

    @Override
    public void complete(String commandTag) throws QueryException {
        writer.write(BackendMessages.copyDone(alloc));
        writer.write(BackendMessages.commandComplete(alloc, "COPY " + rows));
    }

    private void send(String[] values) throws QueryException {
        writer.write(BackendMessages.copyData(alloc, (format.encodeRow(values) + "\n").getBytes(StandardCharsets.UTF_8)));
    }
}

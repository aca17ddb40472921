package io.hatidata.resultcache;

import io.hatidata.api.query.Column;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a result to the client's sink unchanged and keeps a copy of it while it stays within the
 * bounds of one entry; a result that grows past them is dropped from the copy at once (it goes on
 * streaming) and is not cached. So the cache never holds a result back nor holds more than one entry's
 * bound per running statement.
 */
final class CapturingSink implements ResultSink {
    private final ResultSink target;
    private final int maxRows;
    private final long maxBytes;
    private List<Column> columns;
    private List<Object[]> rows = new ArrayList<>();
    private long bytes;
    private String commandTag;

    CapturingSink(ResultSink target, int maxRows, long maxBytes) {
        this.target = target;
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
    }

    @Override
    public void columns(List<Column> newColumns) throws QueryException {
        columns = List.copyOf(newColumns);
        bytes += 64L * columns.size();
        target.columns(newColumns);
    }

    @Override
    public void row(Object[] values) throws QueryException {
        if (rows != null) {
            long size = Values.sizeOf(values);
            if (rows.size() >= maxRows || bytes + size > maxBytes) {
                rows = null;
            } else {
                rows.add(Values.copy(values));
                bytes += size;
            }
        }
        target.row(values);
    }

    @Override
    public void complete(String tag) throws QueryException {
        commandTag = tag;
        target.complete(tag);
    }

    /** Whether the result outgrew the bounds (it was streamed, not kept). */
    boolean overflowed() {
        return rows == null;
    }

    /** The whole result, or {@code null} when it outgrew the bounds or did not complete. */
    CachedResult result() {
        if (rows == null || commandTag == null) {
            return null;
        }
        return new CachedResult(columns, List.copyOf(rows), commandTag, bytes + 64);
    }
}

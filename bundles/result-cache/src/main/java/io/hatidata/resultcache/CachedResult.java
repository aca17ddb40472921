package io.hatidata.resultcache;

import io.hatidata.api.query.Column;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import java.util.List;

/**
 * A complete result as the engine produced it: its columns ({@code null} for a statement that returned
 * none), its rows (private copies; never handed out, see {@link #replay}), its command tag and its
 * estimated size in memory.
 */
record CachedResult(List<Column> columns, List<Object[]> rows, String commandTag, long bytes) {

    /** Sends the result to a sink exactly as the engine would: columns, each row (a fresh copy), the tag. */
    void replay(ResultSink sink) throws QueryException {
        if (columns != null) {
            sink.columns(columns);
        }
        for (Object[] row : rows) {
            sink.row(Values.copy(row));
        }
        sink.complete(commandTag);
    }
}

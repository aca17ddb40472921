package io.hatidata.wire.pg;

import io.hatidata.api.query.Column;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import io.hatidata.api.query.SqlState;
import java.util.List;

/**
 * The result sink of a SQL cursor's query, on the worker that holds the cursor open. When the columns are
 * known the DECLARE is answered and the query {@linkplain PortalExecution#suspend() suspends} before its
 * first row. Each FETCH hands in the sink its rows go to (the FETCH's own: a simple Query's or an
 * Execute's) and resumes the query with its count; the query suspends again when that many rows were
 * sent and another comes, or ends. The query's own CommandComplete is not sent: the FETCH sends
 * {@code FETCH n}.
 */
final class CursorSink implements ResultSink {
    private final Portal portal;
    private volatile PortalExecution execution;
    /** Where the current FETCH's rows go; set before the query resumes, read by its worker. */
    private volatile Target target;
    /** The query failed: DECLARE or the FETCH that was running reports it. */
    private volatile QueryException failure;

    CursorSink(Portal portal) {
        this.portal = portal;
    }

    /** The rows of one FETCH or MOVE: they go to {@code sink} ({@code null} to skip them) and are counted. */
    static final class Target {
        private final ResultSink sink;
        private volatile long rows;

        Target(ResultSink sink) {
            this.sink = sink;
        }

        long rows() {
            return rows;
        }
    }

    void execution(PortalExecution newExecution) {
        this.execution = newExecution;
    }

    PortalExecution execution() {
        return execution;
    }

    /** The next FETCH's rows go to {@code next}; call before resuming the query. */
    void target(Target next) {
        this.target = next;
    }

    QueryException failure() {
        return failure;
    }

    void failed(QueryException error) {
        this.failure = error;
    }

    @Override
    public void columns(List<Column> columns) throws QueryException {
        portal.columns(columns);
        // DECLARE is answered now; the first FETCH resumes the query (a DECLARE that gave up closed it: it fails)
        execution.suspend();
    }

    @Override
    public void row(Object[] values) throws QueryException {
        Target current = target;
        int limit = execution.limit();
        if (current == null || (limit > 0 && current.rows >= limit)) {
            execution.suspend();
            current = target;
        }
        if (current == null) {
            throw new QueryException(SqlState.INTERNAL_ERROR, "internal error: a cursor row came with no FETCH");
        }
        if (current.sink != null) {
            current.sink.row(values);
        }
        current.rows++;
    }

    /** The query ended; its worker finishes the execution, which ends the FETCH waiting for it. */
    @Override
    public void complete(String commandTag) {
        // FETCH sends its own tag
    }
}

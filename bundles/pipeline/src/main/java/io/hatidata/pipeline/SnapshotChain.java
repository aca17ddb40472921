package io.hatidata.pipeline;

import io.hatidata.api.pipeline.QueryChain;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import java.util.List;

/**
 * The rest of one statement's chain: the stages of its snapshot from {@code index} on. Each stage gets
 * its own instance, which may proceed once, and once more after that failed with a
 * {@link QueryException} (a retry, see the healing stage).
 */
final class SnapshotChain implements QueryChain {
    private final List<RegisteredStage> stages;
    private final int index;
    private int calls;
    private boolean failed;

    SnapshotChain(List<RegisteredStage> stages, int index) {
        this.stages = stages;
        this.index = index;
    }

    @Override
    public void proceed(QueryContext context) throws QueryException {
        if (calls == 1 && !failed || calls >= 2) {
            throw new IllegalStateException("a stage may proceed once per statement, and retry once after a failure");
        }
        calls++;
        failed = false;
        if (index >= stages.size()) {
            failed = true;
            throw new QueryException(
                    SqlState.SYSTEM_ERROR, "no stage executed the statement: the query engine is not running");
        }
        try {
            stages.get(index).stage().process(context, new SnapshotChain(stages, index + 1));
        } catch (QueryException ex) {
            failed = true;
            throw ex;
        }
    }
}

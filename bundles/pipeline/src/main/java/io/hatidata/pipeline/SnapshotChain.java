package io.hatidata.pipeline;

import io.hatidata.api.pipeline.QueryChain;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import java.util.List;

/**
 * The rest of one statement's chain: the stages of its snapshot from {@code index} on. Each stage gets
 * its own instance, which may proceed once.
 */
final class SnapshotChain implements QueryChain {
    private final List<RegisteredStage> stages;
    private final int index;
    private boolean proceeded;

    SnapshotChain(List<RegisteredStage> stages, int index) {
        this.stages = stages;
        this.index = index;
    }

    @Override
    public void proceed(QueryContext context) throws QueryException {
        if (proceeded) {
            throw new IllegalStateException("a stage may proceed only once per statement");
        }
        proceeded = true;
        if (index >= stages.size()) {
            throw new QueryException(
                    SqlState.SYSTEM_ERROR, "no stage executed the statement: the query engine is not running");
        }
        stages.get(index).stage().process(context, new SnapshotChain(stages, index + 1));
    }
}

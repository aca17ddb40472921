package io.hatidata.pipeline;

import io.hatidata.api.pipeline.QueryStage;
import io.hatidata.api.pipeline.StageInfo;
import java.util.Comparator;

/**
 * A stage service with the properties that place it in the chain.
 *
 * @param serviceId the service's {@code service.id}, unique and increasing with registration
 */
record RegisteredStage(long serviceId, int order, String name, String bundle, QueryStage stage) {

    /** Chain order: by {@code hatidata.stage.order}, then by registration. */
    static final Comparator<RegisteredStage> CHAIN_ORDER =
            Comparator.comparingInt(RegisteredStage::order).thenComparingLong(RegisteredStage::serviceId);

    StageInfo info() {
        return new StageInfo(name, order, bundle);
    }
}

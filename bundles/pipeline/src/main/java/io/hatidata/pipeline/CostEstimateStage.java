package io.hatidata.pipeline;

import io.hatidata.api.governance.CostEstimate;
import io.hatidata.api.governance.CostEstimator;
import io.hatidata.api.pipeline.QueryChain;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.QueryStage;
import io.hatidata.api.pipeline.StageOrder;
import io.hatidata.api.query.QueryException;
import java.util.List;
import java.util.Objects;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Pipeline step 4, cost estimate (order {@value StageOrder#COST_ESTIMATE}): leaves a
 * {@link CostEstimate} under {@link CostEstimate#ATTRIBUTE} for the full-scan gate, quota, metering and
 * audit. Every registered {@link CostEstimator} is asked with the pipeline's baseline (no credits,
 * unknown rows, full scan by the {@link FullScans} rule) and their answers are
 * {@linkplain CostEstimate#combine combined}; with none registered the baseline is the estimate.
 * Describe-only requests are not estimated.
 */
@Component(
        service = QueryStage.class,
        property = {QueryStage.ORDER + ":Integer=" + StageOrder.COST_ESTIMATE, QueryStage.NAME + "=cost-estimate"})
public final class CostEstimateStage implements QueryStage {

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<CostEstimator> estimators = List.of();

    public CostEstimateStage() {}

    CostEstimateStage(List<CostEstimator> estimators) {
        this.estimators = List.copyOf(estimators);
    }

    @Override
    public void process(QueryContext context, QueryChain chain) throws QueryException {
        if (!context.describeOnly()) {
            CostEstimate baseline = CostEstimate.unknown(FullScans.guess(context));
            CostEstimate combined = null;
            for (CostEstimator estimator : estimators) {
                CostEstimate each = Objects.requireNonNull(estimator.estimate(context, baseline), "estimate");
                combined = combined == null ? each : combined.combine(each);
            }
            context.attributes().put(CostEstimate.ATTRIBUTE, combined == null ? baseline : combined);
        }
        chain.proceed(context);
    }
}

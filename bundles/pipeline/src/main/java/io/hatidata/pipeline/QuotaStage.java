package io.hatidata.pipeline;

import io.hatidata.api.governance.CostEstimate;
import io.hatidata.api.governance.QuotaGuard;
import io.hatidata.api.pipeline.QueryChain;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.QueryStage;
import io.hatidata.api.pipeline.StageOrder;
import io.hatidata.api.query.QueryException;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Pipeline step 5, quota check (order {@value StageOrder#QUOTA}): every registered {@link QuotaGuard}
 * checks the statement with its cost estimate and may refuse it ({@code 53400}). Describe-only requests
 * are not checked (nothing runs). With no guard registered the statement passes.
 */
@Component(
        service = QueryStage.class,
        property = {QueryStage.ORDER + ":Integer=" + StageOrder.QUOTA, QueryStage.NAME + "=quota"})
public final class QuotaStage implements QueryStage {

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<QuotaGuard> guards = List.of();

    public QuotaStage() {}

    QuotaStage(List<QuotaGuard> guards) {
        this.guards = List.copyOf(guards);
    }

    @Override
    public void process(QueryContext context, QueryChain chain) throws QueryException {
        if (!context.describeOnly()) {
            List<QuotaGuard> current = guards;
            if (!current.isEmpty()) {
                CostEstimate estimate = context.attributes().get(CostEstimate.ATTRIBUTE) instanceof CostEstimate each
                        ? each : CostEstimate.unknown(false);
                for (QuotaGuard guard : current) {
                    guard.check(context, estimate);
                }
            }
        }
        chain.proceed(context);
    }
}

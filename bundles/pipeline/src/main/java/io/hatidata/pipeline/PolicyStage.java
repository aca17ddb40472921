package io.hatidata.pipeline;

import io.hatidata.api.governance.PolicyDecision;
import io.hatidata.api.governance.PolicyEvaluator;
import io.hatidata.api.pipeline.QueryChain;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.QueryStage;
import io.hatidata.api.pipeline.StageOrder;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Pipeline step 3, policy check (order {@value StageOrder#POLICY}): asks every registered
 * {@link PolicyEvaluator}; the first deny refuses the statement with {@code 42501} naming the policy and
 * its reason (deny-overrides). Describe-only requests are checked too, since a description reveals
 * columns. With no evaluator registered the statement passes (roles and key scopes are enforced by the
 * control plane's key-scopes stage at 350 either way).
 */
@Component(
        service = QueryStage.class,
        property = {QueryStage.ORDER + ":Integer=" + StageOrder.POLICY, QueryStage.NAME + "=policy"})
public final class PolicyStage implements QueryStage {

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<PolicyEvaluator> evaluators = List.of();

    public PolicyStage() {}

    PolicyStage(List<PolicyEvaluator> evaluators) {
        this.evaluators = List.copyOf(evaluators);
    }

    @Override
    public void process(QueryContext context, QueryChain chain) throws QueryException {
        for (PolicyEvaluator evaluator : evaluators) {
            PolicyDecision decision = evaluator.evaluate(context);
            if (!decision.allowed()) {
                String policy = decision.policy().isEmpty() ? "" : " " + decision.policy();
                String reason = decision.reason().isEmpty() ? "" : ": " + decision.reason();
                throw new QueryException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied by policy" + policy + reason);
            }
        }
        chain.proceed(context);
    }
}

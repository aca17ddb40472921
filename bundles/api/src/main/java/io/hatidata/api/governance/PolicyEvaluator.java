package io.hatidata.api.governance;

import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.query.QueryException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides whether a statement may run (role permissions, attribute-based rules, …). The policy stage
 * asks every registered evaluator; any deny wins (deny-overrides) and the client gets {@code 42501} with
 * the reason. An evaluator that cannot decide (for example a statement that was not analysed while its
 * rule needs the tables) must deny, not allow.
 *
 * @since 1.0.0
 */
@ConsumerType
public interface PolicyEvaluator {

    /**
     * The verdict on this statement.
     *
     * @throws QueryException when the evaluator cannot work (its store is unreachable); the statement fails
     *     with that error, it is never allowed by default
     */
    PolicyDecision evaluate(QueryContext context) throws QueryException;
}

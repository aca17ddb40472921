package io.hatidata.api.governance;

import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.query.QueryException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Projects what a statement will cost before it runs (from the analysis and table statistics). The
 * cost-estimate stage asks every registered estimator and combines the answers with
 * {@link CostEstimate#combine}.
 *
 * @since 1.0.0
 */
@ConsumerType
public interface CostEstimator {

    /**
     * The estimate for this statement.
     *
     * @param context the statement; its attributes hold the {@link io.hatidata.api.sql.StatementAnalysis}
     * @param baseline what the pipeline itself knows (no credits, unknown rows, its own full-scan guess); an
     *     estimator that knows better returns its own estimate
     */
    CostEstimate estimate(QueryContext context, CostEstimate baseline) throws QueryException;
}

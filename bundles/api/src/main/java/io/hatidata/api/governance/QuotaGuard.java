package io.hatidata.api.governance;

import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.query.QueryException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Refuses a statement that would exceed a quota (monthly credits, rows per query, concurrent queries of
 * an organization). The quota stage asks every registered guard before the statement runs.
 *
 * @since 1.0.0
 */
@ConsumerType
public interface QuotaGuard {

    /**
     * Checks the statement against the quotas this guard knows.
     *
     * @param estimate the combined cost estimate (see {@link CostEstimate#ATTRIBUTE})
     * @throws QueryException {@code 53400} (configuration_limit_exceeded) naming the exhausted quota
     */
    void check(QueryContext context, CostEstimate estimate) throws QueryException;
}

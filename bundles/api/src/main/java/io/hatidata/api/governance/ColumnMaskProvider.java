package io.hatidata.api.governance;

import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.query.QueryException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Applies column masking: returns the statement with each governed table reference replaced by a
 * sub-query that projects masked expressions, so every value derived from a masked column is masked.
 * The column-masking stage applies every registered provider in turn, each to the result of the
 * previous one, in describe-only mode too (so result descriptions match results).
 *
 * @since 1.0.0
 */
@ConsumerType
public interface ColumnMaskProvider {

    /**
     * The statement with this provider's masks applied.
     *
     * @return the rewritten statement, or {@code context.sql()} itself when nothing is masked
     * @throws QueryException {@code 42501} when a mask applies but the statement cannot be rewritten safely
     */
    String apply(QueryContext context) throws QueryException;
}

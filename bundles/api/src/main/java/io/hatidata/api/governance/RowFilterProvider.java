package io.hatidata.api.governance;

import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.query.QueryException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Applies row-level security: returns the statement with the row predicates of the policies that match
 * this identity injected at each governed table reference (session and identity attributes bound as
 * literals). The row-filter stage applies every registered provider in turn, each to the result of the
 * previous one; the statement is still in the client's (Snowflake) dialect.
 *
 * @since 1.0.0
 */
@ConsumerType
public interface RowFilterProvider {

    /**
     * The statement with this provider's row filters applied.
     *
     * @param context the statement; {@link QueryContext#sql()} is the text to rewrite
     * @return the rewritten statement, or {@code context.sql()} itself when no filter applies
     * @throws QueryException {@code 42501} when a filter applies but the statement cannot be rewritten
     *     safely: a governed table is never read unfiltered
     */
    String apply(QueryContext context) throws QueryException;
}

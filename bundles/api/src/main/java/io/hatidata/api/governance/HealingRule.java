package io.hatidata.api.governance;

import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.query.QueryException;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A deterministic fix for a known, fixable engine error. When a statement fails before it sent any
 * result, the healing stage asks the registered rules in turn; the first rule that returns a rewrite
 * gets the statement retried once with it. A rule must be deterministic (same statement and error,
 * same rewrite) and must not change what the statement means beyond fixing the error.
 *
 * @since 1.0.0
 */
@ConsumerType
public interface HealingRule {

    /**
     * A rewrite of the failed statement that avoids this error, or empty when this rule does not apply.
     *
     * @param context the failed statement; {@link QueryContext#sql()} is the engine's (DuckDB) SQL
     * @param failure the engine's error
     */
    Optional<String> heal(QueryContext context, QueryException failure);
}

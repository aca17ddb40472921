package io.hatidata.api.governance;

import io.hatidata.api.pipeline.QueryContext;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Records what a statement actually cost (credits from real row counts) once it ended. The metering
 * stage calls every registered meter after each statement that ran (not for describe-only requests),
 * whether it succeeded or failed. A meter must not fail the statement: it records, and it logs its
 * own problems.
 *
 * @since 1.0.0
 */
@ConsumerType
public interface Meter {

    /**
     * One statement ended.
     *
     * @param context the statement as the metering stage passed it on; the attributes hold the
     *     {@link CostEstimate}
     * @param outcome how it ended
     */
    void record(QueryContext context, QueryOutcome outcome);
}

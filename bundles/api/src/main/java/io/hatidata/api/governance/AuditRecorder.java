package io.hatidata.api.governance;

import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.query.QueryException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Writes the query audit trail. The audit stage is the first of the chain: it calls {@link #intent}
 * on every registered recorder before anything else runs and {@link #completed} after the statement
 * ended, whether it succeeded, failed or was refused by a later stage. Describe-only requests are not
 * audited.
 *
 * @since 1.0.0
 */
@ConsumerType
public interface AuditRecorder {

    /**
     * A statement is about to run.
     *
     * @throws QueryException when the intent cannot be recorded: the statement then does not run (no
     *     unaudited statement)
     */
    void intent(QueryContext context) throws QueryException;

    /**
     * The statement ended. Must not throw: by now the client has its result.
     *
     * @param context the statement as the audit stage passed it on; the attributes hold what later
     *     stages learned (analysis, estimate)
     */
    void completed(QueryContext context, QueryOutcome outcome);
}

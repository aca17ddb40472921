package io.hatidata.api.pipeline;

import io.hatidata.api.query.QueryException;
import org.osgi.annotation.versioning.ProviderType;

/** The rest of the pipeline after the current stage. */
@ProviderType
public interface QueryChain {

    /**
     * Runs the remaining stages with this context. Call at most once, except to retry: after the rest of
     * the chain failed with a {@link QueryException}, a stage may proceed once more (the healing stage
     * does, with a rewritten statement).
     */
    void proceed(QueryContext context) throws QueryException;
}

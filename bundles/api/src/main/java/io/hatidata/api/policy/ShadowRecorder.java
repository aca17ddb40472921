package io.hatidata.api.policy;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where the policy providers hand the would-be decisions of shadow-mode policies. Never blocks the
 * statement: decisions go into a bounded queue that a writer drains in batches; when the queue is full a
 * decision is dropped and counted ({@link ShadowReport#dropped()}).
 *
 * @since 1.1.0
 */
@ProviderType
public interface ShadowRecorder {

    /** Queues one decision; returns at once (false when the queue was full and the decision was dropped). */
    boolean record(ShadowDecision decision);
}

/**
 * The query pipeline: every statement, whichever front-end it arrives on, runs through one ordered
 * chain of {@link io.hatidata.api.pipeline.QueryStage} services (admission, analysis, policy, quota,
 * row filter, transpile, execute, masking, metering, audit). The
 * {@link io.hatidata.api.pipeline.Pipeline} service runs the chain.
 *
 * <p>A stage is an interceptor: it sees the statement on the way in, may change it, refuse it, wrap
 * the result sink, or act after the rest of the chain returned. The last stage (execute) does not
 * proceed. A bundle contributes a stage by registering a {@code QueryStage} service with the
 * {@value io.hatidata.api.pipeline.QueryStage#ORDER} property; installing it changes the next
 * statement, uninstalling it reverts, and a statement in flight keeps the chain it started with.
 */
@Export
@Version("1.2.0")
package io.hatidata.api.pipeline;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * Governance SPI: the providers the pipeline's policy, cost, quota, row-filter, masking, healing,
 * metering and audit stages call. Each stage calls every registered provider of its interface (none
 * registered: the stage lets the statement pass), so a bundle adds a rule by registering a service and
 * removes it by going away; see {@code docs/pipeline.md} for the stage that calls each interface and its
 * order.
 *
 * <p>Providers are shared by all sessions and called concurrently. They read the statement from the
 * {@link io.hatidata.api.pipeline.QueryContext} (the
 * {@link io.hatidata.api.sql.StatementAnalysis} the table-extraction stage left in its attributes, the
 * session's identity and settings) and answer with JDK types and the value types of this package.
 */
@Export
@Version("1.1.0")
package io.hatidata.api.governance;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

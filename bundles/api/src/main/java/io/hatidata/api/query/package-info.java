/**
 * The shared query model: how results flow from an engine through the pipeline to a front-end
 * ({@link io.hatidata.api.query.ResultSink}), the column types with their PostgreSQL type OIDs, and
 * the single exception type that carries a SQLSTATE to every protocol.
 *
 * <p>Only JDK types appear in these signatures, so a policy bundle compiled against this package never
 * depends on Netty, Calcite, DuckDB or Jackson.
 */
@Export
@Version("1.1.0")
package io.hatidata.api.query;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * The query engine SPI: an engine opens a session on one environment's data and executes statements in
 * it, streaming results into a {@link io.hatidata.api.query.ResultSink}. The embedded DuckDB engine is
 * the default implementation; another engine (PostgreSQL, Trino) plugs in as another service.
 */
@Export
@Version("1.0.0")
package io.hatidata.api.engine;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

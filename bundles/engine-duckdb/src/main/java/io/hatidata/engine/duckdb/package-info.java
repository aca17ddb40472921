/**
 * The embedded DuckDB engine: {@link io.hatidata.engine.duckdb.DuckDbQueryEngine} keeps one file-backed
 * database per environment under the data folder, opens a connection per client session, streams results
 * row by row into the pipeline's sink with PostgreSQL type OIDs, and enforces the statement timeout;
 * {@link io.hatidata.engine.duckdb.DuckDbExecuteStage} is the pipeline's last stage. Private.
 */
package io.hatidata.engine.duckdb;

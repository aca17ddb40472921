/**
 * The SQL bundle: Snowflake-dialect statements parsed once with Apache Calcite (embedded privately),
 * analysed (kind, tables, lineage) and transpiled to DuckDB; the table-extraction and transpile stages.
 * Exports nothing.
 */
package io.hatidata.sql;

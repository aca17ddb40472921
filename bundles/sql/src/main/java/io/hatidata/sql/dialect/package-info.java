/** The DuckDB {@code SqlDialect} that prints the rewritten tree. */
package io.hatidata.sql.dialect;

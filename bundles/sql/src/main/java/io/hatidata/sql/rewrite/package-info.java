/** The Snowflake-to-DuckDB rewrites: one {@code SqlShuttle} per concern and the function tables they use. */
package io.hatidata.sql.rewrite;

/** Tokens, the Snowflake pre-processor and the Calcite Babel parser configuration. */
package io.hatidata.sql.parse;

/**
 * SQL analysis and transpilation: what a statement is ({@link io.hatidata.api.sql.StatementKind}),
 * which tables it reads and writes ({@link io.hatidata.api.sql.TableReference}), where each output
 * column comes from ({@link io.hatidata.api.sql.ColumnLineage}), and the SQL the engine runs
 * instead of the client's Snowflake-dialect text ({@link io.hatidata.api.sql.StatementAnalysis}).
 *
 * <p>The table-extraction stage leaves a {@link io.hatidata.api.sql.StatementAnalysis} in
 * {@link io.hatidata.api.pipeline.QueryContext#attributes()} under
 * {@link io.hatidata.api.sql.StatementAnalysis#ATTRIBUTE}, so policy, quota and audit stages read it
 * without parsing again. Only JDK types appear in these signatures: the parser stays private to the
 * bundle that implements {@link io.hatidata.api.sql.SqlAnalyzer}.
 */
@Export
@Version("1.2.0")
package io.hatidata.api.sql;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

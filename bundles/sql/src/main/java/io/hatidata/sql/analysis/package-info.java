/** Statement kind, referenced tables and column lineage from Calcite's SQL tree. */
package io.hatidata.sql.analysis;

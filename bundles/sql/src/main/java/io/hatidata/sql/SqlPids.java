package io.hatidata.sql;

/** Configuration PIDs of this bundle's components. */
final class SqlPids {
    /** The analyzer and its cache. */
    static final String ANALYZER = "io.hatidata.sql";
    /** The table-extraction stage. */
    static final String TABLE_EXTRACTION_STAGE = "io.hatidata.sql.tableextraction";
    /** The transpile stage. */
    static final String TRANSPILE_STAGE = "io.hatidata.sql.transpile";

    private SqlPids() {}
}

package io.hatidata.engine.duckdb;

/** Configuration PIDs of this bundle; each has a documented {@code etc/<pid>.cfg}. */
final class EnginePids {
    /** The DuckDB engine. */
    static final String ENGINE = "io.hatidata.engine.duckdb";
    /** The execute stage. */
    static final String EXECUTE_STAGE = "io.hatidata.engine.duckdb.execute";

    /** The snapshot-pin stage. */
    static final String SNAPSHOT_PIN_STAGE = "io.hatidata.engine.duckdb.snapshotpin";

    private EnginePids() {}
}

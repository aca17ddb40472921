package io.hatidata.engine.duckdb;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "HatiData DuckDB engine",
        description = "The embedded DuckDB engine: one database file per environment in the data folder.")
@interface DuckDbQueryEngineConfig {

    @AttributeDefinition(
            name = "Data folder",
            description = "The product's data folder; databases live in its environments/ folder. Blank means"
                    + " $HATIDATA_DATA_DIR, else hatidata under Karaf's data folder.")
    String dataDir() default "";

    @AttributeDefinition(
            name = "Memory limit per database",
            description = "DuckDB's memory_limit for each environment's database, such as 1GB; blank for DuckDB's default (80% of RAM).")
    String memoryLimit() default "1GB";

    @AttributeDefinition(
            name = "Threads per database",
            description = "DuckDB's threads setting for each environment's database; 0 for DuckDB's default (one per core).")
    int threads() default 0;

    @AttributeDefinition(
            name = "Statement timeout (seconds)",
            description = "A statement running longer is cancelled with SQLSTATE 57014; 0 disables the timeout.")
    int statementTimeoutSeconds() default 300;

    @AttributeDefinition(
            name = "Engine name",
            description = "Value of the hatidata.engine service property; the execute stage selects its engine by it.")
    String hatidata_engine() default "duckdb";
}

package io.hatidata.sql;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "HatiData SQL analyzer", description = "Snowflake-dialect analysis and transpilation to DuckDB")
@interface CalciteSqlAnalyzerConfig {
    @AttributeDefinition(name = "Cache size", description = "Statements whose analysis is kept (least recently used go first); 0 turns the cache off")
    int cacheSize() default 10_000;
}

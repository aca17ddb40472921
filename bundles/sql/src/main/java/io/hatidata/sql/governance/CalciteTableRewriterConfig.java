package io.hatidata.sql.governance;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "HatiData governed-table rewriter",
        description = "Rewrites references to masked and row-filtered tables into sub-queries")
@interface CalciteTableRewriterConfig {
    @AttributeDefinition(name = "Cache size", description = "Entries of each of the rewrite caches (exact statements,"
            + " literal-insensitive shapes, shapes seen once; least recently used go first); 0 turns caching off")
    int cacheSize() default 10_000;

    @AttributeDefinition(name = "Longest cached statement", description = "Statements longer than this many"
            + " characters are rewritten every time, never cached")
    int maxCachedLength() default 16_384;
}

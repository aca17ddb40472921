package io.hatidata.resultcache;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "HatiData result cache",
        description = "L1 cache of the results of repeated deterministic reads (SPEC 1.5); an environment also needs cache_enabled.")
@interface ResultCacheConfig {

    @AttributeDefinition(name = "Enabled", description = "Off: nothing is cached on this node, whatever the environments say.")
    boolean enabled() default true;

    @AttributeDefinition(name = "Entries", description = "Results kept at most (least recently used go first).")
    int maxEntries() default 10_000;

    @AttributeDefinition(name = "Time to live (s)", description = "A result is served at most this long after it was stored.")
    int ttlSeconds() default 300;

    @AttributeDefinition(name = "Rows per entry", description = "A result with more rows is streamed and not kept.")
    int maxRowsPerEntry() default 10_000;

    @AttributeDefinition(name = "Bytes per entry", description = "A result estimated larger is streamed and not kept.")
    long maxBytesPerEntry() default 4L * 1024 * 1024;

    @AttributeDefinition(name = "Bytes in all", description = "Estimated size of all kept results (least recently used go first).")
    long maxBytes() default 256L * 1024 * 1024;

    @AttributeDefinition(name = "Tracked tables", description = "Table versions remembered; beyond this all versions restart and every entry is invalidated.")
    int maxTrackedTables() default 100_000;
}

package io.hatidata.shadow;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "HatiData warehouse shadow",
        description = "Shadow mode: statements run on an existing warehouse (whose result the caller gets) and on HatiData for comparison.")
@interface ShadowConfig {

    @AttributeDefinition(name = "Allowed source URL prefixes",
            description = "JDBC URLs a shadow run may connect to must start with one of these (only the PostgreSQL driver is bundled).")
    String[] allowedUrlPrefixes() default {"jdbc:postgresql:"};

    @AttributeDefinition(name = "Mismatches kept", description = "Per run; the oldest are dropped beyond this.")
    int maxMismatchesKept() default 100;

    @AttributeDefinition(name = "Rows kept per mismatch side", description = "Rows of each side kept in a mismatch record.")
    int maxRowsKeptPerMismatch() default 20;

    @AttributeDefinition(name = "Rows compared",
            description = "Results longer than this (either side) are not compared and count as skipped.")
    int maxRowsCompared() default 10000;

    @AttributeDefinition(name = "Source connections", description = "Open source connections per run (one per client session).")
    int maxSourceConnections() default 50;

    @AttributeDefinition(name = "Source connect timeout (s)")
    int connectTimeoutSeconds() default 10;

    @AttributeDefinition(name = "Source statement timeout (s)", description = "0 for none.")
    int sourceQueryTimeoutSeconds() default 300;
}

package io.hatidata.billing;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "HatiData billing",
        description = "Credit meter, quotas and usage roll-ups in the control-plane store.")
@interface BillingConfig {

    @AttributeDefinition(
            name = "Flush interval (ms)",
            description = "How often metered usage is written to the store (hourly roll-ups); also the delay"
                    + " of billing.warning events.")
    long flushIntervalMs() default 1000;

    @AttributeDefinition(
            name = "Pending usage bound",
            description = "Distinct (organization, environment, key, agent, kind, hour) entries kept in memory"
                    + " between flushes; reaching it flushes at once.")
    int maxPendingEntries() default 10000;

    @AttributeDefinition(
            name = "Cache time (seconds)",
            description = "How long quotas, tiers, key facts and table statistics are reused before re-reading.")
    int cacheSeconds() default 5;

    @AttributeDefinition(
            name = "Enforce tier defaults",
            description = "Whether a quota the owner did not set is limited by the tier's default (true) or"
                    + " unlimited (false: only quotas set through PUT /billing/quotas apply).")
    boolean enforceTierDefaults() default false;

    @AttributeDefinition(
            name = "Data folder",
            description = "The product's data folder, for the storage figure (environment databases); blank"
                    + " means $HATIDATA_DATA_DIR, else hatidata under Karaf's data folder.")
    String dataDir() default "";

    @AttributeDefinition(name = "Data source", description = "Filter selecting the control-plane DataSource service.")
    String dataSource_target() default "(hatidata.datasource=control-plane)";
}

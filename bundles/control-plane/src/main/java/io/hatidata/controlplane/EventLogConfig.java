package io.hatidata.controlplane;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "HatiData control-plane event log",
        description = "Delivery of the durable domain-event log to its consumers (audit, webhooks) and listeners.")
@interface EventLogConfig {

    @AttributeDefinition(name = "Poll interval (ms)",
            description = "How often the delivery thread looks for newly committed events when nothing woke it.")
    long pollIntervalMs() default 250;

    @AttributeDefinition(name = "Batch size", description = "Events read and delivered per consumer and round.")
    int batchSize() default 100;

    @AttributeDefinition(name = "Retention (days)",
            description = "Events older than this that every consumer has passed are deleted (checked hourly).")
    int retentionDays() default 30;

    String dataSource_target() default "(hatidata.datasource=control-plane)";
}

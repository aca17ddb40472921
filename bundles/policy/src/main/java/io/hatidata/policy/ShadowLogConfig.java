package io.hatidata.policy;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the policy shadow log (PID {@code io.hatidata.policy.shadow}). */
@ObjectClassDefinition(name = "HatiData policy shadow log")
public @interface ShadowLogConfig {
    @AttributeDefinition(description = "The control-plane DataSource the shadow decisions are written to")
    String dataSource_target() default "(hatidata.datasource=control-plane)";

    @AttributeDefinition(description = "Decisions waiting for the writer; one more is dropped and counted")
    int queueCapacity() default 10_000;

    @AttributeDefinition(description = "Most decisions written in one transaction")
    int batchSize() default 500;

    @AttributeDefinition(description = "Decisions kept per policy; older ones are deleted")
    int maxDecisionsPerPolicy() default 100_000;
}

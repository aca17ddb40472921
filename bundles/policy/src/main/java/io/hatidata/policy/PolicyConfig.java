package io.hatidata.policy;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the policy store (PID {@code io.hatidata.policy}). */
@ObjectClassDefinition(name = "HatiData policy store")
public @interface PolicyConfig {
    @AttributeDefinition(description = "The control-plane DataSource the policies live in")
    String dataSource_target() default "(hatidata.datasource=control-plane)";

    @AttributeDefinition(description = "Most policies one environment may hold")
    int maxPoliciesPerEnvironment() default 200;

    @AttributeDefinition(description = "Most rules one policy may hold")
    int maxRulesPerPolicy() default 100;

    @AttributeDefinition(description = "Most stored attributes per principal")
    int maxAttributesPerPrincipal() default 50;
}

package io.hatidata.examples.custompolicy;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration (PID {@code io.hatidata.examples.custompolicy}). */
@ObjectClassDefinition(name = "HatiData example: SELECT * guard")
public @interface StarSelectGuardConfig {
    @AttributeDefinition(description = "Comma-separated tables on which SELECT * is refused; empty: every table")
    String tables() default "";

    @AttributeDefinition(description = "The reason given to the client")
    String reason() default "list the columns you need instead of SELECT *";
}

package io.hatidata.policy.masking;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the masking provider (PID {@code io.hatidata.policy.masking}). */
@ObjectClassDefinition(name = "HatiData column masking")
public @interface MaskingConfig {
    @AttributeDefinition(description = "How long a governed table's column list is reused, in milliseconds")
    long columnCacheMillis() default 5000;
}

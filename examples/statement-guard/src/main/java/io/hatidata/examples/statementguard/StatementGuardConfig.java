package io.hatidata.examples.statementguard;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "HatiData example: statement guard",
        description = "Refuses statements whose first keyword is listed.")
@interface StatementGuardConfig {

    @AttributeDefinition(
            name = "Denied keywords",
            description = "Comma-separated first keywords to refuse with SQLSTATE 42501 (case-insensitive).")
    String deniedKeywords() default "DROP,TRUNCATE";
}

package io.hatidata.rest;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "HatiData REST API", description = "The /v1 REST API.")
@interface ApiServletConfig {
    @AttributeDefinition(name = "Connection host", description = "The host shown in environments' connection details.")
    String connectionHost() default "127.0.0.1";

    @AttributeDefinition(name = "Connection port", description = "The Postgres wire port shown in environments.")
    int connectionPort() default 5439;

    @AttributeDefinition(name = "Rate limits", description = "Enforce the per-identity request limits of each tier.")
    boolean rateLimitsEnabled() default true;

    @AttributeDefinition(name = "Failed authentications per minute",
            description = "Per client address, before its requests get 429 for the rest of the minute; 0 turns it off.")
    int authFailuresPerMinute() default 20;
}

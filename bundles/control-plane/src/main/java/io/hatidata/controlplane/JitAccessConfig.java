package io.hatidata.controlplane;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "HatiData just-in-time access",
        description = "Time-boxed role elevation with approval (SPEC 2.8.1).")
@interface JitAccessConfig {

    @AttributeDefinition(name = "Minimum duration (s)",
            description = "The shortest elevation accepted. duration_minutes may be fractional down to this;"
                    + " an operator may lower it (tests use a few seconds).")
    long minimumDurationSeconds() default 60;

    @AttributeDefinition(name = "Maximum duration (min)", description = "The longest elevation accepted.")
    long maximumDurationMinutes() default 1440;

    @AttributeDefinition(name = "Sweep interval (s)",
            description = "How often approved grants past their expiry are marked expired (and jit.expired is"
                    + " published). Elevations end at expires_at regardless: every use checks the clock.")
    long sweepIntervalSeconds() default 5;

    @AttributeDefinition(name = "Pending requests per requester",
            description = "At most this many pending requests per requesting key or user (409 beyond).")
    int maxPendingPerRequester() default 10;

    String dataSource_target() default "(hatidata.datasource=control-plane)";
}

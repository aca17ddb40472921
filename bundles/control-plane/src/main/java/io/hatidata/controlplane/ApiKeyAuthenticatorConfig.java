package io.hatidata.controlplane;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "HatiData control plane",
        description = "API-key authentication, Argon2id cost, and the first-start bootstrap of the owner.")
@interface ApiKeyAuthenticatorConfig {

    @AttributeDefinition(
            name = "Data folder",
            description = "The product's data folder (bootstrap secrets are written here); blank means"
                    + " $HATIDATA_DATA_DIR, else hatidata under Karaf's data folder.")
    String dataDir() default "";

    @AttributeDefinition(name = "Argon2id memory (KiB)", description = "Memory cost; OWASP's minimum is 19456 (19 MiB).")
    int argon2MemoryKiB() default 19456;

    @AttributeDefinition(name = "Argon2id iterations", description = "Time cost; OWASP's minimum with 19 MiB is 2.")
    int argon2Iterations() default 2;

    @AttributeDefinition(name = "Argon2id parallelism", description = "Lanes.")
    int argon2Parallelism() default 1;

    @AttributeDefinition(
            name = "Concurrent verifications",
            description = "Argon2id verifications running at once (each holds argon2MemoryKiB); more wait.")
    int maxConcurrentVerifications() default 4;

    @AttributeDefinition(
            name = "Verified-key cache time-to-live (seconds)",
            description = "How long a verified key skips Argon2id on reconnect; 0 disables the cache.")
    int verifiedKeyCacheSeconds() default 60;

    @AttributeDefinition(name = "Verified-key cache size", description = "Upper bound of cached keys.")
    int verifiedKeyCacheSize() default 10000;

    @AttributeDefinition(name = "Token issuer", description = "The iss claim of access tokens (JWT).")
    String tokenIssuer() default "https://api.hatidata.com";

    @AttributeDefinition(name = "Access-token lifetime (seconds)", description = "How long an access token is valid.")
    int accessTokenSeconds() default 3600;

    @AttributeDefinition(
            name = "Data source",
            description = "Filter selecting the control-plane DataSource service.")
    String dataSource_target() default "(hatidata.datasource=control-plane)";
}

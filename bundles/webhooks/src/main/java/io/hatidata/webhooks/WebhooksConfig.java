package io.hatidata.webhooks;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "HatiData webhooks", description = "Webhook storage, delivery, retries and target policy.")
@interface WebhooksConfig {
    @AttributeDefinition(description = "The product's data folder (the secret-encryption key is kept in webhooks/ under it);"
            + " blank: $HATIDATA_DATA_DIR, else <karaf.data>/hatidata.")
    String dataDir() default "";

    @AttributeDefinition(description = "Deliveries sent at once (threads of the dispatcher's pool).")
    int maxConcurrentDeliveries() default 4;

    @AttributeDefinition(description = "How often the dispatcher looks for due deliveries when nothing woke it, in milliseconds.")
    int pollIntervalMs() default 1000;

    @AttributeDefinition(description = "How long a claimed delivery is reserved for its attempt, in seconds; one claimed but"
            + " not finished (the process died) is tried again after this.")
    int leaseSeconds() default 60;

    @AttributeDefinition(description = "Connect and answer timeout of one attempt, in seconds (SPEC: 10).")
    int requestTimeoutSeconds() default 10;

    @AttributeDefinition(description = "Delays before the retries, in seconds, comma-separated: one retry per entry, then"
            + " the delivery is failed.")
    String retryScheduleSeconds() default "60,300,1800,7200,21600";

    @AttributeDefinition(description = "A webhook is disabled after this many failed attempts in a row (0: never).")
    int disableAfterFailures() default 20;

    @AttributeDefinition(description = "Allow targets in private, link-local, carrier-grade-NAT and unique-local ranges,"
            + " and names that resolve to loopback.")
    boolean allowPrivateTargets() default false;

    @AttributeDefinition(description = "Webhooks one organization may have.")
    int maxWebhooksPerOrganization() default 50;

    @AttributeDefinition(description = "Delivered and failed deliveries are deleted after this many days.")
    int deliveryRetentionDays() default 30;
}

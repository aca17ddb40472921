package io.hatidata.pipeline;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "HatiData admission",
        description = "The concurrency gate every statement passes first: how many run at once, how many may"
                + " wait (by priority), how long they wait, and how many full scans run at once.")
@interface AdmissionConfig {

    @AttributeDefinition(
            name = "Executing statements",
            description = "Statements that may run at once across all sessions; more wait in the queue.",
            min = "1")
    int maxConcurrentQueries() default 64;

    @AttributeDefinition(
            name = "Queued statements",
            description = "Statements that may wait for a slot; one more is refused with SQLSTATE 53300.",
            min = "0")
    int maxQueuedQueries() default 256;

    @AttributeDefinition(
            name = "Concurrent full scans",
            description = "Statements classified as full scans that may run at once; each also holds an"
                    + " executing slot, and further full scans wait.",
            min = "1")
    int maxConcurrentFullScans() default 8;

    @AttributeDefinition(
            name = "Queue timeout (milliseconds)",
            description = "How long a statement waits for a slot (executing or full scan) before it is refused"
                    + " with SQLSTATE 53300.",
            min = "1")
    long queueTimeoutMs() default 30_000;
}

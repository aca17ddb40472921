package io.hatidata.audit;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(
        name = "HatiData audit",
        description = "Hash-chained query and IAM audit trails: group commit, redaction, signed checkpoints.")
@interface AuditLogConfig {

    @AttributeDefinition(
            name = "Data folder",
            description = "The product's data folder; the checkpoint signing key is kept in audit/ there. Blank"
                    + " means $HATIDATA_DATA_DIR, else hatidata under Karaf's data folder.")
    String dataDir() default "";

    @AttributeDefinition(
            name = "Keep raw SQL",
            description = "Also store each statement as sent, literals included (sql_raw). Off: only the"
                    + " redacted text is stored.")
    boolean keepRawSql() default false;

    @AttributeDefinition(
            name = "Checkpoint every N entries",
            description = "Sign a chain's head when it grew by this many entries since its last checkpoint.")
    int checkpointEveryEntries() default 1000;

    @AttributeDefinition(
            name = "Checkpoint every M seconds",
            description = "Sign a chain's head when it has unsigned entries and its last checkpoint is older.")
    int checkpointEverySeconds() default 300;

    @AttributeDefinition(
            name = "Pending entries",
            description = "Bound of the writer's queue; an append waits up to appendTimeoutMs for room.")
    int maxPendingEntries() default 10000;

    @AttributeDefinition(name = "Entries per commit", description = "Upper bound of one group-commit batch.")
    int maxBatchEntries() default 512;

    @AttributeDefinition(
            name = "Durability",
            description = "When a statement's query-audit record counts as written. journal: in the audit journal"
                    + " (survives a crash of the gateway process; stored in the audit tables within"
                    + " ingestIntervalMs, so a crash of the machine can lose that much). commit: committed to the"
                    + " audit tables (survives a crash of the machine too; two durable commits per statement).",
            options = {@Option(label = "journal", value = "journal"), @Option(label = "commit", value = "commit")})
    String durability() default "journal";

    @AttributeDefinition(
            name = "Ingest interval (ms)",
            description = "With durability journal: how often the journal's new entries are stored.")
    int ingestIntervalMs() default 10;

    @AttributeDefinition(
            name = "Append timeout (ms)",
            description = "Longest wait for room in the queue and again for the commit; then the statement is"
                    + " refused (53000) rather than run unaudited.")
    int appendTimeoutMs() default 5000;
}

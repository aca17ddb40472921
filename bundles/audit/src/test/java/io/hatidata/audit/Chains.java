package io.hatidata.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/** Test records and a writer over a {@link TestDerby}. */
final class Chains {
    private Chains() {}

    static CheckpointSigner signer() {
        return new CheckpointSigner(new Ed25519PrivateKeyParameters(new byte[32], 0));
    }

    static GroupCommitWriter writer(TestDerby derby, int checkpointEveryEntries, int maxPending) throws IOException {
        return new GroupCommitWriter(derby.dataSource, signer(),
                new GroupCommitWriter.Settings(maxPending, 512, 5_000, checkpointEveryEntries, 3_600_000L),
                Clock.systemUTC());
    }

    /** A writer with the journal in {@code journal}, storing it every {@code ingestMillis}. */
    static GroupCommitWriter journalWriter(TestDerby derby, Path journal, long ingestMillis) throws IOException {
        return new GroupCommitWriter(derby.dataSource, signer(), new GroupCommitWriter.Settings(10_000, 512, 5_000,
                1_000, 3_600_000L, GroupCommitWriter.Durability.JOURNAL, journal, ingestMillis), Clock.systemUTC());
    }

    /** A journal writer with small journal segments, so a test rolls over several. */
    static GroupCommitWriter journalWriter(TestDerby derby, Path journal, long ingestMillis, long segmentBytes,
            GroupCommitWriter.Durability durability) throws IOException {
        return new GroupCommitWriter(derby.dataSource, signer(), new GroupCommitWriter.Settings(10_000, 512, 5_000,
                1_000, 3_600_000L, durability, journal, ingestMillis, segmentBytes), Clock.systemUTC());
    }

    static ChainRecord query(String environmentId, int number) {
        Map<String, Object> values = new HashMap<>();
        values.put("entry_id", "aud_q_" + environmentId + "_" + number);
        values.put("entry_type", number % 2 == 0 ? "completion" : "intent");
        values.put("ts", 1_700_000_000_000L + number);
        values.put("query_id", "qry_" + number);
        values.put("user_id", "usr_1");
        values.put("sql_redacted", "SELECT * FROM t WHERE id = '[REDACTED]' -- é " + number);
        values.put("rows_returned", (long) number);
        values.put("cache_hit", number % 3 == 0);
        return new ChainRecord(AuditLogKind.QUERY, environmentId, values);
    }

    static ChainRecord iam(String organizationId, int number) {
        Map<String, Object> values = new HashMap<>();
        values.put("entry_id", "aud_" + organizationId + "_" + number);
        values.put("ts", 1_700_000_000_000L + number);
        values.put("event_id", "evt_" + organizationId + "_" + number);
        values.put("event_seq", (long) number);
        values.put("actor_id", "usr_1");
        values.put("actor_type", "user");
        values.put("action", "key.created");
        values.put("resource_type", "key");
        values.put("resource_id", "key_" + number);
        values.put("before_state", "{}");
        values.put("after_state", "{\"name\":\"k" + number + "\"}");
        return new ChainRecord(AuditLogKind.IAM, organizationId, values);
    }

}

package io.hatidata.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.audit.AuditLink;
import io.hatidata.api.audit.ChainVerification;
import io.hatidata.api.audit.CheckpointStatus;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainVerifierTest {
    private static final ChainKey CHAIN = new ChainKey(AuditLogKind.IAM, "org_a");

    @TempDir
    Path dir;

    private TestDerby derby;
    private final List<AuditLink> links = new ArrayList<>();

    /** Ten entries in org_a (checkpoint every 4: at 4 and 8) and three in org_b. */
    @BeforeEach
    void tenEntries() throws Exception {
        derby = new TestDerby(dir);
        GroupCommitWriter writer = Chains.writer(derby, 4, 100);
        writer.start();
        for (int i = 1; i <= 10; i++) {
            links.add(writer.append(Chains.iam("org_a", i)));
            if (i <= 3) {
                writer.append(Chains.iam("org_b", i));
            }
        }
        writer.close();
        // closing signed the head at 10; the tests want the newest checkpoint at 8, with two unsigned entries
        derby.execute("DELETE FROM audit_checkpoints WHERE seq > 8");
    }

    private ChainVerification verify() throws Exception {
        try (Connection connection = derby.dataSource.getConnection()) {
            return new ChainVerifier(Chains.signer()).verify(connection, CHAIN, Instant.now());
        }
    }

    @Test
    void anUntouchedChainIsValid() throws Exception {
        ChainVerification result = verify();
        assertTrue(result.chainValid());
        assertEquals(10, result.entryCount());
        assertNull(result.firstBrokenIndex());
        assertEquals(links.get(0).entryHash(), result.firstEntryHash());
        assertEquals(links.get(9).entryHash(), result.lastEntryHash());
        assertEquals(CheckpointStatus.VALID, result.checkpoint().status());
        assertEquals(8, result.checkpoint().sequence());
    }

    @Test
    void editingOneRowReportsExactlyThatEntry() throws Exception {
        derby.execute("UPDATE audit_iam_log SET action = 'key.revoked' WHERE chain_id = 'org_a' AND seq = 6");
        ChainVerification result = verify();
        assertFalse(result.chainValid());
        assertEquals(6L, result.firstBrokenIndex());
        assertEquals(links.get(5).entryHash(), result.firstBrokenHash());
    }

    @Test
    void overwritingTheStoredHashIsReportedAtThatEntry() throws Exception {
        derby.execute("UPDATE audit_iam_log SET entry_hash = '" + "f".repeat(64) + "' WHERE chain_id = 'org_a' AND seq = 6");
        ChainVerification result = verify();
        assertEquals(6L, result.firstBrokenIndex());
    }

    @Test
    void deletingAnEntryInTheMiddleReportsItsPosition() throws Exception {
        derby.execute("DELETE FROM audit_iam_log WHERE chain_id = 'org_a' AND seq = 3");
        ChainVerification result = verify();
        assertFalse(result.chainValid());
        assertEquals(3L, result.firstBrokenIndex());
        assertEquals("", result.firstBrokenHash());
    }

    @Test
    void deletingTheTailIsReportedThroughTheCheckpoint() throws Exception {
        derby.execute("DELETE FROM audit_iam_log WHERE chain_id = 'org_a' AND seq >= 7");
        ChainVerification result = verify();
        assertFalse(result.chainValid());
        assertEquals(6, result.entryCount());
        assertEquals(CheckpointStatus.TRUNCATED, result.checkpoint().status());
        assertEquals(7L, result.firstBrokenIndex());
    }

    @Test
    void aForgedCheckpointIsReported() throws Exception {
        derby.execute("UPDATE audit_checkpoints SET entry_hash = '" + "e".repeat(64) + "' WHERE chain_id = 'org_a' AND seq = 8");
        assertEquals(CheckpointStatus.BAD_SIGNATURE, verify().checkpoint().status());
        assertFalse(verify().chainValid());
    }

    @Test
    void otherChainsAreUnaffected() throws Exception {
        derby.execute("UPDATE audit_iam_log SET action = 'x' WHERE chain_id = 'org_a' AND seq = 2");
        try (Connection connection = derby.dataSource.getConnection()) {
            ChainVerification other = new ChainVerifier(Chains.signer())
                    .verify(connection, new ChainKey(AuditLogKind.IAM, "org_b"), Instant.now());
            assertTrue(other.chainValid());
            assertEquals(3, other.entryCount());
        }
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        derby.close();
    }
}

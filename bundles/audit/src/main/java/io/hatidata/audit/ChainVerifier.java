package io.hatidata.audit;

import io.hatidata.api.audit.ChainVerification;
import io.hatidata.api.audit.CheckpointStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/**
 * Re-hashes a chain in sequence order and compares it with its newest signed checkpoint. An entry is
 * broken when its position is not the next one (an entry before it is missing), its {@code prev_hash} is
 * not the stored hash of the entry before it, or its stored {@code entry_hash} is not the hash of its
 * canonical form; the first broken entry is reported. Rows are streamed, never held.
 */
final class ChainVerifier {
    private final CheckpointSigner signer;

    ChainVerifier(CheckpointSigner signer) {
        this.signer = signer;
    }

    private record Checkpoint(long sequence, String entryHash, long signedAt, String signature) {}

    ChainVerification verify(Connection connection, ChainKey chain, Instant now) throws SQLException {
        Checkpoint checkpoint = newestCheckpoint(connection, chain);
        long count = 0;
        long expected = 1;
        String expectedPrev = CanonicalForm.GENESIS;
        String first = "";
        String last = "";
        Long brokenIndex = null;
        String brokenHash = "";
        String hashAtCheckpoint = null;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM " + chain.kind().table() + " WHERE chain_id = ? ORDER BY seq")) {
            select.setFetchSize(500);
            select.setString(1, chain.chainId());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long sequence = rows.getLong("seq");
                    String prevHash = rows.getString("prev_hash");
                    String storedHash = rows.getString("entry_hash");
                    count++;
                    if (first.isEmpty()) {
                        first = storedHash;
                    }
                    last = storedHash;
                    if (checkpoint != null && sequence == checkpoint.sequence()) {
                        hashAtCheckpoint = storedHash;
                    }
                    if (brokenIndex == null) {
                        Map<String, Object> values = StoredEntries.values(rows, chain.kind());
                        if (sequence != expected) {
                            brokenIndex = expected;
                        } else if (!prevHash.equals(expectedPrev)
                                || !CanonicalForm.hash(chain, sequence, prevHash, values).equals(storedHash)) {
                            brokenIndex = sequence;
                            brokenHash = storedHash;
                        }
                    }
                    expected = sequence + 1;
                    expectedPrev = storedHash;
                }
            }
        }
        long lastSequence = expected - 1;
        CheckpointStatus status = status(chain, checkpoint, lastSequence, hashAtCheckpoint);
        if (brokenIndex == null && CheckpointStatus.TRUNCATED.equals(status.status())) {
            brokenIndex = lastSequence + 1;
        }
        boolean valid = brokenIndex == null && status.consistent();
        return new ChainVerification(chain.chainId(), count, valid, first, last, brokenIndex, brokenHash, status, now);
    }

    private CheckpointStatus status(ChainKey chain, Checkpoint checkpoint, long lastSequence, String hashAtCheckpoint) {
        if (checkpoint == null) {
            return new CheckpointStatus(CheckpointStatus.NONE, 0, "", "", null);
        }
        String verdict;
        if (!signer.verify(chain, checkpoint.sequence(), checkpoint.entryHash(), checkpoint.signedAt(),
                checkpoint.signature())) {
            verdict = CheckpointStatus.BAD_SIGNATURE;
        } else if (checkpoint.sequence() > lastSequence) {
            verdict = CheckpointStatus.TRUNCATED;
        } else if (!checkpoint.entryHash().equals(hashAtCheckpoint)) {
            verdict = CheckpointStatus.MISMATCH;
        } else {
            verdict = CheckpointStatus.VALID;
        }
        return new CheckpointStatus(verdict, checkpoint.sequence(), checkpoint.entryHash(), checkpoint.signature(),
                Instant.ofEpochMilli(checkpoint.signedAt()));
    }

    private static Checkpoint newestCheckpoint(Connection connection, ChainKey chain) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT seq, entry_hash, signed_at, signature"
                + " FROM audit_checkpoints WHERE log = ? AND chain_id = ? ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY")) {
            select.setString(1, chain.kind().logName());
            select.setString(2, chain.chainId());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next()
                        ? new Checkpoint(rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getString(4))
                        : null;
            }
        }
    }
}

package io.hatidata.api.audit;

import java.time.Instant;

/**
 * The newest signed checkpoint of a chain checked against the chain.
 *
 * @param status {@code none} (no checkpoint yet), {@code valid}, {@code truncated} (entries up to the
 *     checkpoint are missing), {@code mismatch} (the entry at the checkpoint has another hash) or
 *     {@code bad_signature}
 * @param sequence the position the checkpoint signed, 0 for none
 * @param entryHash the hash it signed, empty for none
 * @param signature the Ed25519 signature, base64, empty for none
 * @param signedAt when it was signed, {@code null} for none
 */
public record CheckpointStatus(String status, long sequence, String entryHash, String signature, Instant signedAt) {
    public static final String NONE = "none";
    public static final String VALID = "valid";
    public static final String TRUNCATED = "truncated";
    public static final String MISMATCH = "mismatch";
    public static final String BAD_SIGNATURE = "bad_signature";

    /** Whether the checkpoint does not contradict the chain. */
    public boolean consistent() {
        return NONE.equals(status) || VALID.equals(status);
    }
}

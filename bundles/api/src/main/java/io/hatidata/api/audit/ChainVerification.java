package io.hatidata.api.audit;

import java.time.Instant;

/**
 * The result of re-hashing one chain (SPEC §2.10.4).
 *
 * @param chainId the chain: an environment id (query audit) or an organization id (IAM audit)
 * @param entryCount entries found
 * @param chainValid whether every link holds and the newest checkpoint matches the chain
 * @param firstEntryHash the first entry's hash, or empty for an empty chain
 * @param lastEntryHash the last entry's hash, or empty for an empty chain
 * @param firstBrokenIndex the 1-based position of the first entry that is altered or missing, or
 *     {@code null} when the links hold (a truncated tail is reported by the checkpoint: the index is then
 *     the first missing position)
 * @param firstBrokenHash the stored hash of that entry, or empty when it is missing
 * @param checkpoint what the newest signed checkpoint says
 * @param verifiedAt when the verification ran
 */
public record ChainVerification(String chainId, long entryCount, boolean chainValid, String firstEntryHash,
        String lastEntryHash, Long firstBrokenIndex, String firstBrokenHash, CheckpointStatus checkpoint,
        Instant verifiedAt) {}

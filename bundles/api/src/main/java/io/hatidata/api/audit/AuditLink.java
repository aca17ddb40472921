package io.hatidata.api.audit;

/**
 * Where an entry sits in its hash chain.
 *
 * @param entryId the entry's id ({@code aud_…})
 * @param sequence its 1-based position in the chain
 * @param prevHash the previous entry's hash (64 zeros for the first entry)
 * @param entryHash SHA-256 of the entry's canonical serialization, lower-case hex
 */
public record AuditLink(String entryId, long sequence, String prevHash, String entryHash) {}

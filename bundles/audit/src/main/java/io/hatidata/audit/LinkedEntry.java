package io.hatidata.audit;

import io.hatidata.api.audit.AuditLink;

/**
 * An entry with its place in its chain: the record, its sequence number, the previous entry's hash and its
 * own. Linked when it is appended (so the journal holds exactly the row that will be stored); {@code segment}
 * is the journal file it was written to (0 when it was not journalled).
 */
record LinkedEntry(ChainRecord record, long sequence, String prevHash, String hash, long segment) {

    /** What the caller gets back: the entry's id and its place in the chain. */
    AuditLink link() {
        return new AuditLink((String) record.values().get("entry_id"), sequence, prevHash, hash);
    }

    LinkedEntry inSegment(long journalSegment) {
        return new LinkedEntry(record, sequence, prevHash, hash, journalSegment);
    }
}

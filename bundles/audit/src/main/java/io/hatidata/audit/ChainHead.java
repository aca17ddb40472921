package io.hatidata.audit;

/**
 * The newest entry of a chain and its newest checkpoint, as the writer knows them. Owned by the writer
 * thread; a tentative copy is changed while a batch is written and kept only when the batch committed.
 */
final class ChainHead {
    long sequence;
    String hash;
    long checkpointSequence;
    long checkpointAtMillis;

    ChainHead(long sequence, String hash, long checkpointSequence, long checkpointAtMillis) {
        this.sequence = sequence;
        this.hash = hash;
        this.checkpointSequence = checkpointSequence;
        this.checkpointAtMillis = checkpointAtMillis;
    }

    ChainHead copy() {
        return new ChainHead(sequence, hash, checkpointSequence, checkpointAtMillis);
    }

    /** Whether entries were appended after the newest checkpoint. */
    boolean unsigned() {
        return sequence > checkpointSequence;
    }
}

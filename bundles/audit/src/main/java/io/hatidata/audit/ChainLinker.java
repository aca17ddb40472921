package io.hatidata.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Links entries to their chain when they are appended, before they are stored: the sequence number and the
 * hashes are known at once, so the journal holds the exact row that will be stored and the caller gets its
 * place in the chain without waiting. Keeps the head of every chain it linked; a chain it has not seen yet
 * is read from the database, which then holds all of it (entries are only linked here, and the journal
 * left by a crash is stored before the first link). Not thread-safe: the writer serializes calls.
 */
final class ChainLinker {
    private final DataSource dataSource;
    private final Clock clock;
    private final Map<ChainKey, ChainHead> heads = new HashMap<>();

    ChainLinker(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The record placed after its chain's head; the head moves only when {@link #advance} is called. */
    LinkedEntry link(ChainRecord record) throws SQLException {
        return after(record, head(record.key()));
    }

    /** The record as the entry after {@code head}: its sequence number and both hashes. */
    static LinkedEntry after(ChainRecord record, ChainHead head) {
        long sequence = head.sequence + 1;
        return new LinkedEntry(record, sequence, head.hash,
                CanonicalForm.hash(record.key(), sequence, head.hash, record.values()), 0);
    }

    /** The entry was journalled and queued: the next one of its chain links to it. */
    void advance(LinkedEntry entry) {
        ChainHead head = heads.get(entry.record().key());
        head.sequence = entry.sequence();
        head.hash = entry.hash();
    }

    private ChainHead head(ChainKey key) throws SQLException {
        ChainHead head = heads.get(key);
        if (head == null) {
            try (Connection connection = dataSource.getConnection()) {
                head = ChainStore.loadHead(connection, key, clock.millis());
            }
            heads.put(key, head);
        }
        return head;
    }
}

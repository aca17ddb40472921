package io.hatidata.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the entries a crash left in the audit journal, before anything else is appended: each entry whose
 * position is past its chain's stored head is inserted as it was linked (same sequence number and hashes),
 * the others were stored already. An entry that does not follow its stored head is stored all the same and
 * logged: the chain's verification then reports the break, which is the honest answer. When two frames
 * hold the same position of a chain (an append whose write failed after its bytes were out: the statement
 * was refused and the position given to the next one), the later frame is the one that counts.
 */
final class JournalRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(JournalRecovery.class);

    private JournalRecovery() {}

    /** Inserts what is missing, committing every {@code maxBatch} entries; returns how many were inserted. */
    static int store(List<LinkedEntry> entries, Connection connection, int maxBatch) throws SQLException {
        if (entries.isEmpty()) {
            return 0;
        }
        Map<String, Integer> lastFrame = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            LinkedEntry each = entries.get(i);
            lastFrame.put(each.record().key() + "#" + each.sequence(), i);
        }
        Map<ChainKey, ChainHead> heads = new HashMap<>();
        int stored = 0;
        int unlinked = 0;
        try (EntryInserts inserts = new EntryInserts(connection)) {
            int inBatch = 0;
            for (int i = 0; i < entries.size(); i++) {
                LinkedEntry entry = entries.get(i);
                ChainKey key = entry.record().key();
                if (lastFrame.get(key + "#" + entry.sequence()) != i) {
                    continue; // a frame whose append failed after it was written: the position was given again
                }
                ChainHead head = heads.get(key);
                if (head == null) {
                    head = ChainStore.loadHead(connection, key, 0);
                    heads.put(key, head);
                }
                if (entry.sequence() <= head.sequence) {
                    continue;
                }
                if (entry.sequence() != head.sequence + 1 || !entry.prevHash().equals(head.hash)) {
                    unlinked++;
                    LOG.error("Audit journal entry {} of chain {} does not follow the stored head {}; stored as it is",
                            entry.sequence(), key.chainId(), head.sequence);
                }
                inserts.add(entry);
                head.sequence = entry.sequence();
                head.hash = entry.hash();
                stored++;
                if (++inBatch >= maxBatch) {
                    inserts.execute();
                    connection.commit();
                    inBatch = 0;
                }
            }
            inserts.execute();
            connection.commit();
        } catch (SQLException ex) {
            connection.rollback();
            LOG.error("The audit journal left by an unclean stop could not be stored ({}); it is kept", ex.toString());
            throw ex;
        }
        LOG.info("Stored {} audit entries from the journal of an unclean stop ({} already stored, {} out of order)",
                stored, entries.size() - stored, unlinked);
        return stored;
    }

}

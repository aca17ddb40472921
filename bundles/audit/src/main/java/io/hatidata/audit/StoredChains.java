package io.hatidata.audit;

import io.hatidata.api.audit.AuditLink;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Derby side of the {@link GroupCommitWriter}: its one connection, the chain heads as stored, and the
 * signed checkpoints. A batch is linked (unless it was linked at append), inserted and committed in one
 * transaction, with the checkpoints of the chains it carried past {@code checkpointEveryEntries}. After a
 * failure the caller calls {@link #reset}: the connection is rolled back and closed and the heads are
 * reloaded from the database when next needed.
 *
 * <p>Not thread-safe: the writer calls it holding its write lock.
 */
final class StoredChains {
    private static final Logger LOG = LoggerFactory.getLogger(StoredChains.class);

    /** An entry to store: {@code linked} when it was linked at append (journal), else linked here. */
    interface Entry {
        ChainRecord record();

        LinkedEntry linked();
    }

    private final DataSource dataSource;
    private final CheckpointSigner signer;
    private final String keyId;
    private final long checkpointEveryEntries;
    private final long checkpointEveryMillis;
    private final Clock clock;
    private final Map<ChainKey, ChainHead> heads = new HashMap<>();
    private Connection connection;

    StoredChains(DataSource dataSource, CheckpointSigner signer, long checkpointEveryEntries,
            long checkpointEveryMillis, Clock clock) {
        this.dataSource = dataSource;
        this.signer = signer;
        this.keyId = signer.publicKey().keyId();
        this.checkpointEveryEntries = checkpointEveryEntries;
        this.checkpointEveryMillis = checkpointEveryMillis;
        this.clock = clock;
    }

    /** Stores and commits a batch; the links in the batch's order. */
    List<AuditLink> store(List<? extends Entry> batch) throws SQLException {
        Connection current = connection();
        long now = clock.millis();
        Map<ChainKey, ChainHead> tentative = new LinkedHashMap<>();
        List<AuditLink> links = new ArrayList<>(batch.size());
        try (EntryInserts inserts = new EntryInserts(current)) {
            for (Entry each : batch) {
                ChainRecord record = each.record();
                ChainKey key = record.key();
                ChainHead head = tentative.get(key);
                if (head == null) {
                    head = head(current, key, now).copy();
                    tentative.put(key, head);
                }
                LinkedEntry entry = each.linked() != null ? each.linked() : ChainLinker.after(record, head);
                inserts.add(entry);
                links.add(entry.link());
                head.sequence = entry.sequence();
                head.hash = entry.hash();
            }
            inserts.execute();
        }
        for (Map.Entry<ChainKey, ChainHead> each : tentative.entrySet()) {
            ChainHead head = each.getValue();
            if (head.sequence - head.checkpointSequence >= checkpointEveryEntries) {
                checkpoint(current, each.getKey(), head, now);
            }
        }
        current.commit();
        heads.putAll(tentative);
        return links;
    }

    /** Stores, in batches of {@code maxBatch}, what the journal of an unclean stop held; see {@link JournalRecovery}. */
    void storeRecovered(List<LinkedEntry> recovered, int maxBatch) throws SQLException {
        JournalRecovery.store(recovered, connection(), maxBatch);
    }

    /**
     * Signs the heads of chains with unsigned entries: all of them when {@code all} (start and close), else
     * those whose last checkpoint is older than {@code checkpointEveryMillis}.
     */
    void signUnsigned(boolean all) throws SQLException {
        long now = clock.millis();
        Connection current = connection();
        if (all) {
            for (AuditLogKind kind : AuditLogKind.values()) {
                for (String chainId : ChainStore.chainIds(current, kind)) {
                    head(current, new ChainKey(kind, chainId), now);
                }
            }
        }
        Map<ChainKey, ChainHead> signed = new HashMap<>();
        for (Map.Entry<ChainKey, ChainHead> each : heads.entrySet()) {
            ChainHead head = each.getValue();
            if (head.unsigned() && (all || now - head.checkpointAtMillis >= checkpointEveryMillis)) {
                ChainHead copy = head.copy();
                checkpoint(current, each.getKey(), copy, now);
                signed.put(each.getKey(), copy);
            }
        }
        if (!signed.isEmpty()) {
            current.commit();
            heads.putAll(signed);
        }
    }

    /** After a failure: rolls back and closes the connection and forgets the heads. */
    void reset() {
        heads.clear();
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException ex) {
            LOG.debug("Rollback of the audit connection failed", ex);
        }
        try {
            connection.close();
        } catch (SQLException ex) {
            LOG.debug("Closing the audit connection failed", ex);
        }
        connection = null;
    }

    private ChainHead head(Connection current, ChainKey key, long now) throws SQLException {
        ChainHead head = heads.get(key);
        if (head == null) {
            head = ChainStore.loadHead(current, key, now);
            heads.put(key, head);
        }
        return head;
    }

    private void checkpoint(Connection current, ChainKey key, ChainHead head, long now) throws SQLException {
        String signature = signer.sign(key, head.sequence, head.hash, now);
        ChainStore.insertCheckpoint(current, key, head.sequence, head.hash, now, keyId, signature);
        head.checkpointSequence = head.sequence;
        head.checkpointAtMillis = now;
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
        }
        return connection;
    }
}

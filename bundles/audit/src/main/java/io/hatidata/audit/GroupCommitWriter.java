package io.hatidata.audit;

import io.hatidata.api.audit.AuditLink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only writer of the audit tables. Appends wait in a bounded queue; whoever holds the write lock takes
 * what is queued, links each entry to its chain's head and writes them all in one Derby transaction
 * (group commit), so many concurrent statements share one log flush. A caller's append returns only when
 * its entry committed.
 *
 * <p>The appending thread writes itself (leader/follower): it queues its entry, takes the write lock and,
 * unless the previous holder already committed its entry with its own batch, writes everything queued.
 * While one caller waits for Derby's log flush the others queue up behind the lock, and the next holder
 * commits them all at once. No thread hand-off per append: a lone statement pays its commit, not also two
 * wake-ups of a writer thread (each up to milliseconds on a loaded 2-core machine). The writer's own
 * thread only writes entries queued without a waiting caller ({@link #submit}) and the checkpoints.
 *
 * <p>Checkpoints are written by the same thread: in the batch's transaction when a chain grew by
 * {@code checkpointEveryEntries} since its last checkpoint, and on a timer for chains with unsigned
 * entries older than {@code checkpointEveryMillis}; at start for every chain with unsigned entries; and on
 * close.
 *
 * <p>When a batch fails, each of its entries is retried in a transaction of its own, so one bad entry
 * fails alone. The heads are reloaded from the database after any failure.
 */
final class GroupCommitWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

    /** Bounds and checkpoint intervals. */
    record Settings(int maxPending, int maxBatch, long appendTimeoutMillis, long checkpointEveryEntries,
            long checkpointEveryMillis) {}

    private record Pending(ChainRecord record, CompletableFuture<AuditLink> done) {}

    private final DataSource dataSource;
    private final CheckpointSigner signer;
    private final String keyId;
    private final Settings settings;
    private final Clock clock;
    private final BlockingQueue<Pending> queue;
    private final Map<ChainKey, ChainHead> heads = new HashMap<>();
    private final Thread thread;
    /** Held by whoever writes: an appending caller or the writer's thread. Guards heads and connection. */
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Object wake = new Object();
    private volatile boolean stopping;
    private Connection connection;
    private long batches;
    private long entries;

    GroupCommitWriter(DataSource dataSource, CheckpointSigner signer, Settings settings, Clock clock) {
        this.dataSource = dataSource;
        this.signer = signer;
        this.keyId = signer.publicKey().keyId();
        this.settings = settings;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(settings.maxPending());
        this.thread = new Thread(this::run, "hatidata-audit-writer");
        this.thread.setDaemon(true);
    }

    /** Signs the chains left with unsigned entries (before a crash), then starts the writer's thread. */
    void start() {
        locked(() -> signUnsignedChains(true));
        thread.start();
    }

    /**
     * Appends an entry and waits until it is durable.
     *
     * @throws AuditUnavailableException when the queue stays full or the commit does not come within the
     *     append timeout, the write fails, or the writer stopped
     */
    AuditLink append(ChainRecord record) throws AuditUnavailableException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.appendTimeoutMillis());
        CompletableFuture<AuditLink> done = submit(record);
        try {
            while (!done.isDone()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException();
                }
                if (writeLock.tryLock(left, TimeUnit.NANOSECONDS)) {
                    try {
                        writeQueuedUntil(done);
                    } finally {
                        writeLock.unlock();
                    }
                }
            }
            return done.get();
        } catch (TimeoutException ex) {
            throw new AuditUnavailableException(AuditUnavailableException.Reason.OVERLOADED,
                    "the audit entry was not committed within " + settings.appendTimeoutMillis() + " ms", ex);
        } catch (ExecutionException ex) {
            Throwable cause = ex.getCause();
            if (cause instanceof AuditUnavailableException unavailable) {
                throw unavailable;
            }
            throw new AuditUnavailableException(AuditUnavailableException.Reason.FAILED, "the audit write failed", cause);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException(AuditUnavailableException.Reason.STOPPED, "interrupted", ex);
        }
    }

    /** Queues an entry; the future completes when it committed. Waits at most the append timeout for room. */
    CompletableFuture<AuditLink> submit(ChainRecord record) throws AuditUnavailableException {
        if (stopping) {
            throw new AuditUnavailableException(AuditUnavailableException.Reason.STOPPED, "the audit writer stopped", null);
        }
        Pending pending = new Pending(record, new CompletableFuture<>());
        try {
            if (!queue.offer(pending, settings.appendTimeoutMillis(), TimeUnit.MILLISECONDS)) {
                throw new AuditUnavailableException(AuditUnavailableException.Reason.OVERLOADED,
                        "the audit queue stayed full for " + settings.appendTimeoutMillis() + " ms", null);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException(AuditUnavailableException.Reason.STOPPED, "interrupted", ex);
        }
        return pending.done();
    }

    /** Batches committed and entries written since start (for the log and the benchmark). */
    long[] counts() {
        synchronized (this) {
            return new long[] {batches, entries};
        }
    }

    /** Stops taking appends, writes what is queued, signs every chain head, and ends the thread. */
    @Override
    public void close() {
        stopping = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        try {
            thread.join(settings.appendTimeoutMillis() + 10_000);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new AuditUnavailableException(
                    AuditUnavailableException.Reason.STOPPED, "the audit writer stopped", null));
        }
    }

    /**
     * Holding the write lock: writes queued entries in batches until {@code done} completed (its entry was
     * in one of them) or the queue is empty ({@code null}: everything).
     */
    private void writeQueuedUntil(CompletableFuture<AuditLink> done) {
        List<Pending> batch = new ArrayList<>(Math.min(settings.maxBatch(), 64));
        while (done == null || !done.isDone()) {
            queue.drainTo(batch, settings.maxBatch());
            if (batch.isEmpty()) {
                return;
            }
            write(batch);
            batch.clear();
        }
    }

    private void run() {
        long pollMillis = Math.max(10, Math.min(1000, settings.checkpointEveryMillis()));
        while (true) {
            locked(() -> {
                writeQueuedUntil(null);
                signUnsignedChains(false);
            });
            if (stopping) {
                break;
            }
            synchronized (wake) {
                try {
                    if (!stopping) {
                        wake.wait(pollMillis);
                    }
                } catch (InterruptedException ex) {
                    break;
                }
            }
        }
        locked(() -> {
            writeQueuedUntil(null);
            signUnsignedChains(true);
            closeConnection();
        });
    }

    private void locked(Runnable work) {
        writeLock.lock();
        try {
            work.run();
        } finally {
            writeLock.unlock();
        }
    }

    private void write(List<Pending> batch) {
        try {
            writeTogether(batch);
        } catch (SQLException | RuntimeException ex) {
            closeConnection();
            if (batch.size() == 1) {
                fail(batch.get(0), ex);
                return;
            }
            LOG.warn("Audit batch of {} entries failed ({}); writing them one by one", batch.size(), ex.toString());
            for (Pending each : batch) {
                try {
                    writeTogether(List.of(each));
                } catch (SQLException | RuntimeException single) {
                    closeConnection();
                    fail(each, single);
                }
            }
        }
    }

    private void fail(Pending pending, Exception cause) {
        LOG.error("Audit entry for chain {} could not be written: {}", pending.record().chainId(), cause.toString());
        pending.done().completeExceptionally(new AuditUnavailableException(
                AuditUnavailableException.Reason.FAILED, "the audit log is unavailable", cause));
    }

    private void writeTogether(List<Pending> batch) throws SQLException {
        Connection current = connection();
        long now = clock.millis();
        Map<ChainKey, ChainHead> tentative = new LinkedHashMap<>();
        Map<AuditLogKind, PreparedStatement> inserts = new EnumMap<>(AuditLogKind.class);
        List<AuditLink> links = new ArrayList<>(batch.size());
        try {
            for (Pending each : batch) {
                ChainRecord record = each.record();
                ChainKey key = record.key();
                ChainHead head = tentative.get(key);
                if (head == null) {
                    head = head(current, key, now).copy();
                    tentative.put(key, head);
                }
                long sequence = head.sequence + 1;
                String hash = CanonicalForm.hash(key, sequence, head.hash, record.values());
                PreparedStatement insert = inserts.get(record.kind());
                if (insert == null) {
                    insert = current.prepareStatement(ChainStore.insertSql(record.kind()));
                    inserts.put(record.kind(), insert);
                }
                ChainStore.bindEntry(insert, record, sequence, head.hash, hash);
                insert.addBatch();
                links.add(new AuditLink((String) record.values().get("entry_id"), sequence, head.hash, hash));
                head.sequence = sequence;
                head.hash = hash;
            }
            for (PreparedStatement each : inserts.values()) {
                each.executeBatch();
            }
        } finally {
            for (PreparedStatement each : inserts.values()) {
                each.close();
            }
        }
        for (Map.Entry<ChainKey, ChainHead> each : tentative.entrySet()) {
            ChainHead head = each.getValue();
            if (head.sequence - head.checkpointSequence >= settings.checkpointEveryEntries()) {
                checkpoint(current, each.getKey(), head, now);
            }
        }
        current.commit();
        heads.putAll(tentative);
        synchronized (this) {
            batches++;
            entries += batch.size();
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done().complete(links.get(i));
        }
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

    /**
     * Signs the heads of chains with unsigned entries: all of them when {@code all} (start and close),
     * else those whose last checkpoint is older than the interval.
     */
    private void signUnsignedChains(boolean all) {
        long now = clock.millis();
        try {
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
                if (head.unsigned() && (all || now - head.checkpointAtMillis >= settings.checkpointEveryMillis())) {
                    ChainHead copy = head.copy();
                    checkpoint(current, each.getKey(), copy, now);
                    signed.put(each.getKey(), copy);
                }
            }
            if (!signed.isEmpty()) {
                current.commit();
                heads.putAll(signed);
            }
        } catch (SQLException | RuntimeException ex) {
            LOG.error("Audit checkpoints could not be written: {}", ex.toString());
            closeConnection();
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
        }
        return connection;
    }

    private void closeConnection() {
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
}

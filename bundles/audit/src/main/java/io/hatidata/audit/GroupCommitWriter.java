package io.hatidata.audit;

import io.hatidata.api.audit.AuditLink;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
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
 * <p>The Derby side (the connection, the heads as stored, linking at store time, checkpoints) is
 * {@link StoredChains}; this class queues, batches, retries and journals. Checkpoints are written by the
 * same thread: in the batch's transaction when a chain grew by
 * {@code checkpointEveryEntries} since its last checkpoint, and on a timer for chains with unsigned
 * entries older than {@code checkpointEveryMillis}; at start for every chain with unsigned entries; and on
 * close.
 *
 * <p>With {@link Durability#JOURNAL} a query-audit entry is linked to its chain when it is appended, written
 * to the {@link AuditJournal} (the operating system has it: a crash of the process loses none) and queued;
 * the append returns at once, and the writer's thread stores what is queued every
 * {@code ingestIntervalMillis} in one transaction. IAM entries, and every entry with {@link Durability#COMMIT},
 * are linked when they are stored and their append waits for the commit.
 *
 * <p>When a batch fails, each of its entries is retried in a transaction of its own. An entry linked when it
 * was stored fails alone; one linked when it was appended cannot be left out without breaking its chain, so
 * it and every entry after it are kept and retried (the journal has them too). The heads are reloaded from
 * the database after any failure.
 */
final class GroupCommitWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

    /** When an appended query-audit entry counts as written (docs/audit.md "Durability"). */
    enum Durability {
        /** In the journal: survives a crash of the process; stored within the ingest interval. */
        JOURNAL,
        /** Committed to the audit tables: survives a crash of the machine too. */
        COMMIT
    }

    /**
     * Bounds, checkpoint intervals and durability. {@code journalDir}: with {@code JOURNAL} the journal; with
     * {@code COMMIT} only read back at start (a journal an earlier run in {@code JOURNAL} mode left behind) and
     * then deleted; {@code null}: no journal.
     */
    record Settings(int maxPending, int maxBatch, long appendTimeoutMillis, long checkpointEveryEntries,
            long checkpointEveryMillis, Durability durability, Path journalDir, long ingestIntervalMillis,
            long journalSegmentBytes) {

        Settings(int maxPending, int maxBatch, long appendTimeoutMillis, long checkpointEveryEntries,
                long checkpointEveryMillis, Durability durability, Path journalDir, long ingestIntervalMillis) {
            this(maxPending, maxBatch, appendTimeoutMillis, checkpointEveryEntries, checkpointEveryMillis, durability,
                    journalDir, ingestIntervalMillis, SEGMENT_BYTES);
        }

        /** Every append waits for its commit; no journal. */
        Settings(int maxPending, int maxBatch, long appendTimeoutMillis, long checkpointEveryEntries,
                long checkpointEveryMillis) {
            this(maxPending, maxBatch, appendTimeoutMillis, checkpointEveryEntries, checkpointEveryMillis,
                    Durability.COMMIT, null, 10);
        }
    }

    /** A queued entry: {@code linked} when it was linked at append (journal), else linked when stored. */
    private record Pending(ChainRecord record, LinkedEntry linked, CompletableFuture<AuditLink> done)
            implements StoredChains.Entry {}

    /** Journal segment size: large enough to rotate rarely, small enough to delete soon after. */
    private static final long SEGMENT_BYTES = 16L * 1024 * 1024;
    /** After a failed write, the next attempt waits this long (no tight loop against a broken database). */
    private static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final Settings settings;
    private final BlockingQueue<Pending> queue;
    /** One permit per entry queued, being written or kept for a retry: the bound of them all. */
    private final Semaphore room;
    /** Entries linked at append that a failed write left, oldest first; retried before the queue. */
    private final Deque<Pending> retry = new ArrayDeque<>();
    /** The connection, the heads as stored and the checkpoints. Guarded by the write lock. */
    private final StoredChains stored;
    /** The journal appends go to ({@code JOURNAL}); {@code null} once a {@code COMMIT} start read it back. */
    private AuditJournal journal;
    private final ChainLinker linker;
    /** Held while an entry is linked, journalled and queued, so the queue is in chain and journal order. */
    private final ReentrantLock appendLock = new ReentrantLock();
    private long appended;
    private volatile long committed;
    private long releasedBelow;
    private long failedAtNanos;
    private long failures;
    private final Thread thread;
    /** Held by whoever writes: an appending caller or the writer's thread. Guards {@code stored}. */
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Object wake = new Object();
    private volatile boolean stopping;
    private long batches;
    private long entries;

    GroupCommitWriter(DataSource dataSource, CheckpointSigner signer, Settings settings, Clock clock)
            throws IOException {
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.maxPending());
        this.room = new Semaphore(settings.maxPending());
        this.journal = settings.journalDir() != null ? AuditJournal.open(settings.journalDir(), settings.journalSegmentBytes()) : null;
        this.linker = new ChainLinker(dataSource, clock);
        this.stored = new StoredChains(dataSource, signer, settings.checkpointEveryEntries(),
                settings.checkpointEveryMillis(), clock);
        this.thread = new Thread(this::run, "hatidata-audit-writer");
        this.thread.setDaemon(true);
    }

    /**
     * Stores what a crash left in the journal, signs the chains left with unsigned entries, then starts the
     * writer's thread.
     *
     * @throws SQLException when the journal's entries cannot be stored (they stay for the next start)
     */
    void start() throws IOException, SQLException {
        if (journal != null) {
            writeLock.lock();
            try {
                stored.storeRecovered(journal.recover(), settings.maxBatch());
                journal.releaseBefore(journal.currentSegment());
                releasedBelow = journal.currentSegment();
                if (settings.durability() != Durability.JOURNAL) {
                    journal.closeAndDelete();
                    journal = null;
                }
            } catch (SQLException | IOException | RuntimeException ex) {
                stored.reset();
                journal.close();
                throw ex;
            } finally {
                writeLock.unlock();
            }
        }
        locked(() -> signUnsignedChains(true));
        thread.start();
    }

    /**
     * Appends an entry. A query-audit entry with {@link Durability#JOURNAL} returns once it is in the
     * journal; every other waits until it is committed ({@link #append(ChainRecord)}).
     */
    AuditLink append(ChainRecord record, boolean journalIfEnabled) throws AuditUnavailableException {
        if (!journalIfEnabled || journal == null || record.kind() != AuditLogKind.QUERY) {
            return append(record);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.appendTimeoutMillis());
        takeRoom(deadline);
        boolean queued = false;
        try {
            if (!appendLock.tryLock(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                throw overloaded("the audit journal stayed busy for " + settings.appendTimeoutMillis() + " ms");
            }
            try {
                if (stopping) {
                    throw stopped();
                }
                LinkedEntry entry = linker.link(record);
                entry = entry.inSegment(journal.append(entry));
                linker.advance(entry);
                queue.add(new Pending(record, entry, new CompletableFuture<>()));
                queued = true;
                appended++;
                if (queue.size() >= settings.maxBatch()) {
                    nudge();
                }
                return entry.link();
            } finally {
                appendLock.unlock();
            }
        } catch (IOException | SQLException ex) {
            LOG.error("Audit entry for chain {} could not be journalled: {}", record.chainId(), ex.toString());
            throw new AuditUnavailableException(AuditUnavailableException.Reason.FAILED, "the audit journal failed", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException(AuditUnavailableException.Reason.STOPPED, "interrupted", ex);
        } finally {
            if (!queued) {
                room.release();
            }
        }
    }

    /**
     * Waits until every entry appended before the call is stored (readers call it, so what a client was
     * answered is in what it reads next).
     */
    void flush() throws AuditUnavailableException {
        long target;
        appendLock.lock();
        try {
            target = appended;
        } finally {
            appendLock.unlock();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.appendTimeoutMillis());
        try {
            while (committed < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw overloaded("the audit journal was not stored within " + settings.appendTimeoutMillis() + " ms");
                }
                if (writeLock.tryLock(left, TimeUnit.NANOSECONDS)) {
                    try {
                        writeQueuedUntil(() -> committed >= target);
                    } finally {
                        writeLock.unlock();
                    }
                }
                if (committed < target) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException(AuditUnavailableException.Reason.STOPPED, "interrupted", ex);
        }
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
                        writeQueuedUntil(done::isDone);
                    } finally {
                        writeLock.unlock();
                    }
                }
                if (!done.isDone() && System.nanoTime() - failedAtNanos < RETRY_PAUSE_NANOS) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
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
            throw stopped();
        }
        takeRoom(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.appendTimeoutMillis()));
        Pending pending = new Pending(record, null, new CompletableFuture<>());
        queue.add(pending);
        return pending.done();
    }

    private void takeRoom(long deadline) throws AuditUnavailableException {
        try {
            if (!room.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw overloaded("the audit queue stayed full for " + settings.appendTimeoutMillis() + " ms");
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException(AuditUnavailableException.Reason.STOPPED, "interrupted", ex);
        }
    }

    private static AuditUnavailableException overloaded(String message) {
        return new AuditUnavailableException(AuditUnavailableException.Reason.OVERLOADED, message, null);
    }

    private static AuditUnavailableException stopped() {
        return new AuditUnavailableException(AuditUnavailableException.Reason.STOPPED, "the audit writer stopped", null);
    }

    private void nudge() {
        synchronized (wake) {
            wake.notifyAll();
        }
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
        appendLock.lock();
        try {
            stopping = true;
        } finally {
            appendLock.unlock();
        }
        nudge();
        try {
            thread.join(settings.appendTimeoutMillis() + 10_000);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        boolean everythingStored;
        writeLock.lock();
        try {
            everythingStored = retry.isEmpty() && queue.isEmpty();
        } finally {
            writeLock.unlock();
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(stopped());
        }
        if (journal != null) {
            closeJournal(everythingStored);
        }
    }

    private void closeJournal(boolean everythingStored) {
        try {
            if (everythingStored) {
                journal.closeAndDelete();
            } else {
                journal.close();
                LOG.warn("The audit journal keeps entries that could not be stored; they are stored at the next start");
            }
        } catch (IOException ex) {
            LOG.warn("Closing the audit journal failed: {}", ex.toString());
        }
    }

    /**
     * Holding the write lock: writes the retried, then the queued entries in batches until {@code done}
     * holds, nothing is left, or a write failed.
     */
    private void writeQueuedUntil(BooleanSupplier done) {
        List<Pending> batch = new ArrayList<>(Math.min(settings.maxBatch(), 64));
        while (!done.getAsBoolean()) {
            if (failures > 0 && System.nanoTime() - failedAtNanos < RETRY_PAUSE_NANOS) {
                return;
            }
            while (batch.size() < settings.maxBatch() && !retry.isEmpty()) {
                batch.add(retry.pollFirst());
            }
            queue.drainTo(batch, settings.maxBatch() - batch.size());
            if (batch.isEmpty()) {
                return;
            }
            boolean written = write(batch);
            batch.clear();
            releaseStoredSegments();
            if (!written) {
                return;
            }
        }
    }

    private void run() {
        long pollMillis = journal != null ? Math.max(1, settings.ingestIntervalMillis())
                : Math.max(10, Math.min(1000, settings.checkpointEveryMillis()));
        while (true) {
            locked(() -> {
                writeQueuedUntil(() -> false);
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
            failures = 0;
            writeQueuedUntil(() -> false);
            signUnsignedChains(true);
            stored.reset();
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

    /** Writes a batch; {@code false} when entries linked at append were kept for a retry. */
    private boolean write(List<Pending> batch) {
        try {
            writeTogether(batch);
            failures = 0;
            return true;
        } catch (SQLException | RuntimeException ex) {
            stored.reset();
            if (batch.size() > 1) {
                LOG.warn("Audit batch of {} entries failed ({}); writing them one by one", batch.size(), ex.toString());
            }
            for (int i = 0; i < batch.size(); i++) {
                Pending each = batch.get(i);
                try {
                    writeTogether(List.of(each));
                } catch (SQLException | RuntimeException single) {
                    stored.reset();
                    if (each.linked() == null) {
                        fail(each, single);
                        continue;
                    }
                    keepForRetry(batch.subList(i, batch.size()), single);
                    return false;
                }
            }
            failures = 0;
            return true;
        }
    }

    private void keepForRetry(List<Pending> left, Exception cause) {
        for (int i = left.size() - 1; i >= 0; i--) {
            retry.addFirst(left.get(i));
        }
        failedAtNanos = System.nanoTime();
        if (failures++ % 100 == 0) {
            LOG.error("Audit entries could not be stored ({} kept, in the journal too; retrying): {}",
                    retry.size(), cause.toString());
        }
    }

    private void fail(Pending pending, Exception cause) {
        LOG.error("Audit entry for chain {} could not be written: {}", pending.record().chainId(), cause.toString());
        room.release();
        pending.done().completeExceptionally(new AuditUnavailableException(
                AuditUnavailableException.Reason.FAILED, "the audit log is unavailable", cause));
    }

    private void writeTogether(List<Pending> batch) throws SQLException {
        List<AuditLink> links = stored.store(batch);
        synchronized (this) {
            batches++;
            entries += batch.size();
        }
        int journalled = 0;
        for (Pending each : batch) {
            journalled += each.linked() != null ? 1 : 0;
        }
        committed += journalled;
        room.release(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done().complete(links.get(i));
        }
    }

    /**
     * Holding the write lock, between batches: deletes the journal segments whose entries are all stored. The
     * segment being written is read first, so an entry journalled after that is in it or a later one; then the
     * oldest journalled entry not stored yet is the first linked one of the retries, else of the queue (both
     * are in journal order; IAM entries among them are not in the journal).
     */
    private void releaseStoredSegments() {
        if (journal == null) {
            return;
        }
        long firstNeeded = journal.currentSegment();
        Pending oldest = firstJournalled(retry);
        if (oldest == null) {
            oldest = firstJournalled(queue);
        }
        if (oldest != null) {
            firstNeeded = Math.min(firstNeeded, oldest.linked().segment());
        }
        if (firstNeeded > releasedBelow) {
            journal.releaseBefore(firstNeeded);
            releasedBelow = firstNeeded;
        }
    }

    private static Pending firstJournalled(Iterable<Pending> entries) {
        for (Pending each : entries) {
            if (each.linked() != null) {
                return each;
            }
        }
        return null;
    }

    /** Signs chains with unsigned entries (see {@link StoredChains#signUnsigned}); a failure waits like a write's. */
    private void signUnsignedChains(boolean all) {
        if (!all && failures > 0 && System.nanoTime() - failedAtNanos < RETRY_PAUSE_NANOS) {
            return;
        }
        try {
            stored.signUnsigned(all);
        } catch (SQLException | RuntimeException ex) {
            if (failures++ % 100 == 0) {
                LOG.error("Audit checkpoints could not be written: {}", ex.toString());
            }
            failedAtNanos = System.nanoTime();
            stored.reset();
        }
    }
}

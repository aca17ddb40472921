package io.hatidata.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.audit.AuditLink;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitWriterTest {
    @TempDir
    Path dir;

    @Test
    void queuedAppendsCommitTogetherInOneTransaction() throws Exception {
        try (TestDerby derby = new TestDerby(dir)) {
            GroupCommitWriter writer = Chains.writer(derby, 1_000, 1_000);
            List<CompletableFuture<AuditLink>> done = new ArrayList<>();
            for (int i = 1; i <= 100; i++) {
                done.add(writer.submit(Chains.iam(i % 2 == 0 ? "org_a" : "org_b", i)));
            }
            writer.start();
            for (CompletableFuture<AuditLink> each : done) {
                each.get();
            }
            assertArrayEquals(new long[] {1, 100}, writer.counts());
            assertEquals(1, done.get(0).get().sequence());
            assertEquals(50, done.get(98).get().sequence());
            writer.close();
        }
    }

    @Test
    void concurrentAppendersGetGapFreeChainsThatVerify() throws Exception {
        try (TestDerby derby = new TestDerby(dir)) {
            GroupCommitWriter writer = Chains.writer(derby, 1_000, 64);
            writer.start();
            ExecutorService threads = Executors.newFixedThreadPool(8);
            List<Future<AuditLink>> links = new ArrayList<>();
            for (int i = 0; i < 800; i++) {
                int number = i;
                links.add(threads.submit(() -> writer.append(Chains.iam("org_" + number % 3, number))));
            }
            Set<String> positions = new HashSet<>();
            for (Future<AuditLink> each : links) {
                AuditLink link = each.get();
                assertTrue(positions.add(link.entryId() + "@" + link.sequence()));
            }
            threads.shutdown();
            writer.close();
            assertEquals(800, writer.counts()[1]);
            ChainVerifier verifier = new ChainVerifier(Chains.signer());
            long total = 0;
            for (int chain = 0; chain < 3; chain++) {
                try (var connection = derby.dataSource.getConnection()) {
                    var result = verifier.verify(connection, new ChainKey(AuditLogKind.IAM, "org_" + chain), Instant.now());
                    assertTrue(result.chainValid(), result.toString());
                    // closing signed every head
                    assertEquals(result.entryCount(), result.checkpoint().sequence());
                    total += result.entryCount();
                }
            }
            assertEquals(800, total);
        }
    }

    @Test
    void aFullQueueRefusesAfterTheTimeoutInsteadOfWaitingForever() throws Exception {
        try (TestDerby derby = new TestDerby(dir)) {
            GroupCommitWriter writer = new GroupCommitWriter(derby.dataSource, Chains.signer(),
                    new GroupCommitWriter.Settings(2, 512, 50, 1_000, 3_600_000L), java.time.Clock.systemUTC());
            writer.submit(Chains.iam("org_a", 1));
            writer.submit(Chains.iam("org_a", 2));
            AuditUnavailableException refused =
                    assertThrows(AuditUnavailableException.class, () -> writer.submit(Chains.iam("org_a", 3)));
            assertEquals(AuditUnavailableException.Reason.OVERLOADED, refused.reason());
            writer.start();
            writer.close();
            assertEquals(2, writer.counts()[1]);
        }
    }

    @Test
    void aBadEntryFailsAloneAndTheOthersOfItsBatchCommit() throws Exception {
        try (TestDerby derby = new TestDerby(dir)) {
            GroupCommitWriter writer = Chains.writer(derby, 1_000, 100);
            CompletableFuture<AuditLink> first = writer.submit(Chains.iam("org_a", 1));
            CompletableFuture<AuditLink> duplicate = writer.submit(Chains.iam("org_a", 1)); // same event_id: unique index
            CompletableFuture<AuditLink> third = writer.submit(Chains.iam("org_a", 3));
            writer.start();
            assertEquals(1, first.get().sequence());
            assertTrue(assertThrows(Exception.class, duplicate::get).getCause() instanceof AuditUnavailableException);
            assertEquals(2, third.get().sequence());
            writer.close();
            try (var connection = derby.dataSource.getConnection()) {
                assertTrue(new ChainVerifier(Chains.signer())
                        .verify(connection, new ChainKey(AuditLogKind.IAM, "org_a"), Instant.now()).chainValid());
            }
        }
    }

    @Test
    void journalledAppendsReturnBeforeTheyAreStoredAndReadersSeeThemAfterAFlush() throws Exception {
        try (TestDerby derby = new TestDerby(dir)) {
            GroupCommitWriter writer = Chains.journalWriter(derby, dir.resolve("journal"), 3_600_000L);
            writer.start();
            List<AuditLink> links = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                links.add(writer.append(Chains.query("env_a", i), true));
            }
            assertEquals(10, links.get(9).sequence());
            assertEquals(links.get(8).entryHash(), links.get(9).prevHash());
            assertEquals(0, storedEntries(derby, "env_a"), "nothing stored before the ingest interval or a flush");
            writer.flush();
            assertEquals(10, storedEntries(derby, "env_a"));
            writer.close();
            assertTrue(verify(derby, "env_a").chainValid());
            try (var files = java.nio.file.Files.list(dir.resolve("journal"))) {
                assertEquals(0, files.count(), "a clean stop leaves no journal");
            }
        }
    }

    @Test
    void aCrashBeforeTheEntriesWereStoredLosesNoneOfThem() throws Exception {
        try (TestDerby derby = new TestDerby(dir)) {
            Path journal = dir.resolve("journal");
            GroupCommitWriter crashed = neverStoring(derby, journal, 25);
            crashed.append(Chains.query("env_b", 1), true);
            assertEquals(0, storedEntries(derby, "env_a"));
            // the process "dies": the first writer is never closed; a new one starts over the same files
            GroupCommitWriter restarted = Chains.journalWriter(derby, journal, 5L);
            restarted.start();
            assertEquals(25, storedEntries(derby, "env_a"));
            assertEquals(1, storedEntries(derby, "env_b"));
            AuditLink next = restarted.append(Chains.query("env_a", 26), true);
            assertEquals(26, next.sequence());
            restarted.close();
            var verification = verify(derby, "env_a");
            assertTrue(verification.chainValid(), verification.toString());
            assertEquals(26, verification.entryCount());
        }
    }

    @Test
    void aSegmentStaysUntilEveryEntryInItIsStoredThoughIamEntriesAreQueuedBetween() throws Exception {
        try (TestDerby derby = new TestDerby(dir)) {
            Path journal = dir.resolve("journal");
            GroupCommitWriter crashed = Chains.journalWriter(derby, journal, 3_600_000L, 64 * 1024,
                    GroupCommitWriter.Durability.JOURNAL);
            crashed.start();
            for (int i = 1; i <= 600; i++) {
                crashed.append(Chains.query("env_a", i), true);
            }
            crashed.append(Chains.iam("org_a", 1)); // waits for its commit: stores the 600 queued before it
            assertEquals(600, storedEntries(derby, "env_a"));
            assertTrue(segments(journal) <= 2, "stored segments are deleted, " + segments(journal) + " left");
            for (int i = 601; i <= 900; i++) {
                crashed.append(Chains.query("env_a", i), true);
                if (i % 100 == 0) {
                    crashed.append(Chains.iam("org_a", i)); // an IAM entry at the head of the queue
                }
            }
            for (int i = 901; i <= 1000; i++) {
                crashed.append(Chains.query("env_a", i), true);
            }
            assertEquals(900, storedEntries(derby, "env_a"));
            // the process dies with 100 entries only in the journal
            GroupCommitWriter restarted = Chains.journalWriter(derby, journal, 5L);
            restarted.start();
            assertEquals(1000, storedEntries(derby, "env_a"));
            restarted.close();
            var verification = verify(derby, "env_a");
            assertTrue(verification.chainValid(), verification.toString());
        }
    }

    @Test
    void aFlushWaitsForTheJournalledEntriesEvenAfterIamEntriesWereCommitted() throws Exception {
        try (TestDerby derby = new TestDerby(dir)) {
            GroupCommitWriter writer = Chains.journalWriter(derby, dir.resolve("journal"), 3_600_000L);
            writer.start();
            for (int i = 1; i <= 3; i++) {
                writer.append(Chains.iam("org_a", i));
            }
            for (int i = 1; i <= 3; i++) {
                writer.append(Chains.query("env_a", i), true);
            }
            writer.flush();
            assertEquals(3, storedEntries(derby, "env_a"));
            writer.close();
        }
    }

    @Test
    void aStartWithCommitDurabilityStoresAndDeletesAJournalLeftBehind() throws Exception {
        try (TestDerby derby = new TestDerby(dir)) {
            Path journal = dir.resolve("journal");
            neverStoring(derby, journal, 5);
            GroupCommitWriter committing = Chains.journalWriter(derby, journal, 10L, 1 << 20,
                    GroupCommitWriter.Durability.COMMIT);
            committing.start();
            assertEquals(5, storedEntries(derby, "env_a"));
            assertEquals(0, segments(journal));
            assertEquals(6, committing.append(Chains.query("env_a", 6), true).sequence());
            committing.close();
            assertTrue(verify(derby, "env_a").chainValid());
        }
    }

    @Test
    void ofTwoFramesAtOnePositionTheLaterOneIsStored() throws Exception {
        try (TestDerby derby = new TestDerby(dir)) {
            Path journal = dir.resolve("journal");
            ChainKey chain = new ChainKey(AuditLogKind.QUERY, "env_a");
            ChainRecord refused = Chains.query("env_a", 1);
            ChainRecord first = Chains.query("env_a", 2);
            ChainRecord second = Chains.query("env_a", 3);
            String genesis = CanonicalForm.GENESIS;
            String firstHash = CanonicalForm.hash(chain, 1, genesis, first.values());
            try (AuditJournal file = AuditJournal.open(journal, 1 << 20)) {
                file.recover();
                file.append(new LinkedEntry(refused, 1, genesis, CanonicalForm.hash(chain, 1, genesis, refused.values()), 0));
                file.append(new LinkedEntry(first, 1, genesis, firstHash, 0));
                file.append(new LinkedEntry(second, 2, firstHash, CanonicalForm.hash(chain, 2, firstHash, second.values()), 0));
            }
            GroupCommitWriter restarted = Chains.journalWriter(derby, journal, 5L);
            restarted.start();
            restarted.close();
            var verification = verify(derby, "env_a");
            assertTrue(verification.chainValid(), verification.toString());
            assertEquals(2, verification.entryCount());
        }
    }

    /**
     * A journal writer that stores nothing within a test (ingest interval of an hour) with entries 1..n of
     * {@code env_a} appended; left unclosed, it is a process that died.
     */
    private static GroupCommitWriter neverStoring(TestDerby derby, Path journal, int entries) throws Exception {
        GroupCommitWriter writer = Chains.journalWriter(derby, journal, 3_600_000L);
        writer.start();
        for (int i = 1; i <= entries; i++) {
            writer.append(Chains.query("env_a", i), true);
        }
        return writer;
    }

    private static long segments(Path journal) throws Exception {
        if (!java.nio.file.Files.exists(journal)) {
            return 0;
        }
        try (var files = java.nio.file.Files.list(journal)) {
            return files.count();
        }
    }

    @Test
    void journalledEntriesAreStoredWithinTheIngestIntervalWithoutAnyReader() throws Exception {
        try (TestDerby derby = new TestDerby(dir)) {
            GroupCommitWriter writer = Chains.journalWriter(derby, dir.resolve("journal"), 5L);
            writer.start();
            writer.append(Chains.query("env_a", 1), true);
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (storedEntries(derby, "env_a") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(1, storedEntries(derby, "env_a"));
            writer.close();
        }
    }

    private static long storedEntries(TestDerby derby, String chain) throws Exception {
        try (var connection = derby.dataSource.getConnection();
                var count = connection.prepareStatement("SELECT COUNT(*) FROM audit_query_log WHERE chain_id = ?")) {
            count.setString(1, chain);
            try (var rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static io.hatidata.api.audit.ChainVerification verify(TestDerby derby, String chain) throws Exception {
        try (var connection = derby.dataSource.getConnection()) {
            return new ChainVerifier(Chains.signer()).verify(connection, new ChainKey(AuditLogKind.QUERY, chain),
                    Instant.now());
        }
    }

    @Test
    void appendsAfterCloseAreRefused() throws Exception {
        try (TestDerby derby = new TestDerby(dir)) {
            GroupCommitWriter writer = Chains.writer(derby, 1_000, 10);
            writer.start();
            writer.close();
            assertEquals(AuditUnavailableException.Reason.STOPPED,
                    assertThrows(AuditUnavailableException.class, () -> writer.append(Chains.iam("org_a", 1))).reason());
        }
    }
}

package io.hatidata.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditJournalTest {
    @TempDir
    Path dir;

    private static LinkedEntry entry(int number) {
        ChainRecord record = Chains.query("env_a", number);
        return new LinkedEntry(record, number, "p".repeat(64), "h" + number, 0);
    }

    @Test
    void entriesComeBackInOrderWithEveryValueAndTheirSegment() throws Exception {
        try (AuditJournal journal = AuditJournal.open(dir, 1 << 20)) {
            assertTrue(journal.recover().isEmpty());
            for (int i = 1; i <= 3; i++) {
                journal.append(entry(i));
            }
        }
        try (AuditJournal journal = AuditJournal.open(dir, 1 << 20)) {
            List<LinkedEntry> back = journal.recover();
            assertEquals(3, back.size());
            for (int i = 0; i < 3; i++) {
                LinkedEntry expected = entry(i + 1);
                assertEquals(expected.record(), back.get(i).record());
                assertEquals(expected.sequence(), back.get(i).sequence());
                assertEquals(expected.hash(), back.get(i).hash());
                assertEquals(1, back.get(i).segment());
            }
            assertNull(back.get(0).record().values().get("session_id"));
            assertEquals(2, journal.currentSegment());
        }
    }

    @Test
    void aTornLastFrameIsDroppedAndTheWholeOnesBeforeItKept() throws Exception {
        try (AuditJournal journal = AuditJournal.open(dir, 1 << 20)) {
            journal.recover();
            journal.append(entry(1));
            journal.append(entry(2));
        }
        Path segment = segments().get(0);
        long size = Files.size(segment);
        try (FileChannel file = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            file.truncate(size - 7);
        }
        try (AuditJournal journal = AuditJournal.open(dir, 1 << 20)) {
            List<LinkedEntry> back = journal.recover();
            assertEquals(1, back.size());
            assertEquals(1, back.get(0).sequence());
        }
    }

    @Test
    void aCorruptedFrameEndsItsSegment() throws Exception {
        try (AuditJournal journal = AuditJournal.open(dir, 1 << 20)) {
            journal.recover();
            journal.append(entry(1));
            journal.append(entry(2));
        }
        Path segment = segments().get(0);
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 3] ^= 0x55;
        Files.write(segment, bytes);
        try (AuditJournal journal = AuditJournal.open(dir, 1 << 20)) {
            assertEquals(1, journal.recover().size());
        }
    }

    @Test
    void fullSegmentsRollOverAndAreDeletedOnceReleased() throws Exception {
        try (AuditJournal journal = AuditJournal.open(dir, 64 * 1024)) {
            journal.recover();
            long last = 0;
            for (int i = 1; i <= 1000; i++) {
                last = journal.append(entry(i));
            }
            assertTrue(last > 2, "rolled over to segment " + last);
            assertEquals(last, segments().size());
            journal.releaseBefore(last);
            assertEquals(List.of(segments().get(0)), segments());
            journal.releaseBefore(Long.MAX_VALUE);
            assertEquals(1, segments().size(), "the segment being written stays");
        }
    }

    private List<Path> segments() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}

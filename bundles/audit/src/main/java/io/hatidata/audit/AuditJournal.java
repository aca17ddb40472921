package io.hatidata.audit;

import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit journal: linked entries appended to numbered segment files ({@code journal-<n>.log}) in the
 * order they were linked, before the statement they describe runs. A write reaches the operating system's
 * page cache, so a crash of the gateway process (kill -9, a JVM crash, an out-of-memory kill) loses none;
 * the entries reach the audit tables within milliseconds, and a segment is deleted once all its entries are
 * there. At start the segments left by a crash are read back ({@link #recover}) and stored.
 *
 * <p>Frame: the payload's length (4 bytes), its CRC-32C (4 bytes), the payload ({@link JournalCodec}). A
 * frame cut short or failing its checksum ends the segment: it is the write a crash interrupted, whose
 * statement had not been let run. Not thread-safe: the caller serializes appends.
 */
final class AuditJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditJournal.class);
    private static final String PREFIX = "journal-";
    private static final String SUFFIX = ".log";
    /** Larger than any entry the codec can write (13 texts of at most 128 KiB). */
    static final int MAX_FRAME = 4 * 1024 * 1024;

    private final Path directory;
    private final long segmentBytes;
    /** The segment being written; a plain stream, since an interrupted thread closes a FileChannel for all. */
    private OutputStream out;
    private volatile long segment;
    private long written;

    private AuditJournal(Path directory, long segmentBytes) {
        this.directory = directory;
        this.segmentBytes = segmentBytes;
    }

    /** Opens the journal folder (created if missing). Nothing is written before {@link #recover}. */
    static AuditJournal open(Path directory, long segmentBytes) throws IOException {
        Files.createDirectories(directory);
        return new AuditJournal(directory, Math.max(64 * 1024, segmentBytes));
    }

    /**
     * The entries of every segment left in the folder, oldest first; then opens a new segment after them.
     * The old segments stay until {@link #releaseBefore} says their entries are stored.
     */
    List<LinkedEntry> recover() throws IOException {
        TreeMap<Long, Path> segments = segments();
        List<LinkedEntry> result = new ArrayList<>();
        for (var each : segments.entrySet()) {
            readSegment(each.getKey(), each.getValue(), result);
        }
        segment = segments.isEmpty() ? 1 : segments.lastKey() + 1;
        openSegment();
        return result;
    }

    /** The segment the next entry goes to. */
    long currentSegment() {
        return segment;
    }

    /**
     * Writes one entry at the end of the journal (moving to a new segment first when the current one is
     * full) and returns the segment it went to. Returns when the operating system has the bytes.
     */
    long append(LinkedEntry entry) throws IOException {
        byte[] payload = JournalCodec.encode(entry);
        if (payload.length + 8 > MAX_FRAME) {
            throw new IOException("audit entry of " + payload.length + " bytes is larger than a journal frame");
        }
        if (written > 0 && written + payload.length + 8 > segmentBytes) {
            out.close();
            segment++;
            openSegment();
        }
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer frame = ByteBuffer.allocate(payload.length + 8);
        frame.putInt(payload.length).putInt((int) crc.getValue()).put(payload);
        try {
            out.write(frame.array());
            written += frame.capacity();
        } catch (IOException ex) {
            abandonSegment();
            throw ex;
        }
        return segment;
    }

    /** Deletes every segment numbered below {@code firstNeeded}, except the one being written. */
    void releaseBefore(long firstNeeded) {
        try {
            for (var each : segments().headMap(Math.min(firstNeeded, segment), false).entrySet()) {
                Files.deleteIfExists(each.getValue());
            }
        } catch (IOException ex) {
            LOG.warn("Stored audit journal segments could not be deleted: {}", ex.toString());
        }
    }

    /** Closes the journal and deletes every segment: everything in it is stored (a clean stop). */
    void closeAndDelete() throws IOException {
        close();
        for (Path each : segments().values()) {
            Files.deleteIfExists(each);
        }
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }

    /**
     * After a failed write the segment may end in part of a frame, and recovery stops reading a segment
     * there; later entries therefore go to a new one.
     */
    private void abandonSegment() {
        try {
            out.close();
        } catch (IOException ex) {
            LOG.debug("Closing a failed audit journal segment failed: {}", ex.toString());
        }
        try {
            segment++;
            openSegment();
        } catch (IOException ex) {
            LOG.error("No new audit journal segment could be opened: {}", ex.toString());
        }
    }

    private void openSegment() throws IOException {
        Path file = Files.createFile(directory.resolve(PREFIX + String.format("%020d", segment) + SUFFIX));
        out = new FileOutputStream(file.toFile(), true);
        written = 0;
    }

    private TreeMap<Long, Path> segments() throws IOException {
        TreeMap<Long, Path> result = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX)) {
            for (Path each : files) {
                String name = each.getFileName().toString();
                try {
                    result.put(Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length())), each);
                } catch (NumberFormatException ex) {
                    LOG.warn("Ignoring {} in the audit journal folder", name);
                }
            }
        }
        return result;
    }

    private static void readSegment(long number, Path file, List<LinkedEntry> into) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            long position = 0;
            ByteBuffer header = ByteBuffer.allocate(8);
            while (position < size) {
                try {
                    header.clear();
                    readFully(in, header, position);
                    int length = header.getInt(0);
                    int expected = header.getInt(4);
                    if (length <= 0 || length > MAX_FRAME - 8 || position + 8 + length > size) {
                        throw new EOFException("frame of " + length + " bytes at " + position);
                    }
                    ByteBuffer payload = ByteBuffer.allocate(length);
                    readFully(in, payload, position + 8);
                    CRC32C crc = new CRC32C();
                    crc.update(payload.array());
                    if ((int) crc.getValue() != expected) {
                        throw new IOException("checksum mismatch at " + position);
                    }
                    into.add(JournalCodec.decode(payload.array(), number));
                    position += 8 + length;
                } catch (IOException ex) {
                    LOG.warn("Audit journal {} ends with {} bytes that are not a whole entry ({}); an append a crash"
                            + " interrupted, whose statement did not run", file.getFileName(), size - position,
                            ex.getMessage());
                    return;
                }
            }
        }
    }

    private static void readFully(FileChannel in, ByteBuffer into, long position) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int read = in.read(into, at);
            if (read < 0) {
                throw new EOFException("end of file at " + at);
            }
            at += read;
        }
    }
}

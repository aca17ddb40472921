package io.hatidata.audit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The binary form of a linked entry in the audit journal: a version byte, the trail, the chain id, the
 * sequence number, both hashes, then every column of the trail in its fixed order as a tag (null, text,
 * number, boolean) and a value. Text is length-prefixed UTF-8. Framing and checksums are the journal's.
 */
final class JournalCodec {
    private static final int VERSION = 1;
    private static final int NULL = 0;
    private static final int TEXT = 1;
    private static final int LONG = 2;
    private static final int BOOL = 3;
    /** No stored text is longer than 32 000 characters, i.e. 96 000 bytes of UTF-8. */
    private static final int MAX_TEXT_BYTES = 128 * 1024;

    private JournalCodec() {}

    static byte[] encode(LinkedEntry entry) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            ChainRecord record = entry.record();
            out.writeByte(VERSION);
            out.writeByte(record.kind().ordinal());
            writeText(out, record.chainId());
            out.writeLong(entry.sequence());
            writeText(out, entry.prevHash());
            writeText(out, entry.hash());
            for (AuditColumn column : record.kind().columns()) {
                Object value = record.values().get(column.name());
                if (value == null) {
                    out.writeByte(NULL);
                } else if (value instanceof String text) {
                    out.writeByte(TEXT);
                    writeText(out, text);
                } else if (value instanceof Long number) {
                    out.writeByte(LONG);
                    out.writeLong(number);
                } else {
                    out.writeByte(BOOL);
                    out.writeBoolean((Boolean) value);
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    /** The entry, or an {@link IOException} when the bytes are not one this codec wrote. */
    static LinkedEntry decode(byte[] payload, long segment) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IOException("unknown journal entry version " + version);
            }
            int kindIndex = in.readUnsignedByte();
            if (kindIndex >= AuditLogKind.values().length) {
                throw new IOException("unknown audit trail " + kindIndex);
            }
            AuditLogKind kind = AuditLogKind.values()[kindIndex];
            String chainId = readText(in);
            long sequence = in.readLong();
            String prevHash = readText(in);
            String hash = readText(in);
            Map<String, Object> values = new HashMap<>();
            for (AuditColumn column : kind.columns()) {
                int tag = in.readUnsignedByte();
                Object value = switch (tag) {
                    case NULL -> null;
                    case TEXT -> readText(in);
                    case LONG -> in.readLong();
                    case BOOL -> in.readBoolean();
                    default -> throw new IOException("unknown value tag " + tag);
                };
                values.put(column.name(), value);
            }
            if (in.available() != 0) {
                throw new IOException("trailing bytes after the entry");
            }
            try {
                return new LinkedEntry(new ChainRecord(kind, chainId, values), sequence, prevHash, hash, segment);
            } catch (RuntimeException ex) {
                throw new IOException("the journal entry does not fit its trail: " + ex.getMessage(), ex);
            }
        }
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readText(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_TEXT_BYTES) {
            throw new IOException("text of " + length + " bytes in a journal entry");
        }
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}

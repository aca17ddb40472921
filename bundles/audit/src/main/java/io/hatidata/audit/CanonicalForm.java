package io.hatidata.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The canonical serialization that entry hashes are computed over (documented in docs/audit.md):
 * a JSON object without whitespace whose members are, in this order, {@code "v":1}, {@code "log"},
 * {@code "chain_id"}, {@code "seq"}, {@code "prev_hash"}, then every column of the trail in its fixed
 * order; text as JSON strings (escaping only {@code "}, {@code \} and control characters, the latter as
 * {@code \}{@code u00xx}), numbers as decimal integers, booleans as {@code true}/{@code false}, missing
 * values as {@code null}. {@code entry_hash} is the lower-case hex SHA-256 of its UTF-8 bytes.
 */
final class CanonicalForm {
    /** The {@code prev_hash} of a chain's first entry. */
    static final String GENESIS = "0".repeat(64);
    static final int VERSION = 1;

    private CanonicalForm() {}

    static String serialize(ChainKey chain, long sequence, String prevHash, Map<String, Object> values) {
        StringBuilder out = new StringBuilder(512);
        out.append("{\"v\":").append(VERSION).append(",\"log\":");
        JsonText.appendString(out, chain.kind().logName());
        out.append(",\"chain_id\":");
        JsonText.appendString(out, chain.chainId());
        out.append(",\"seq\":").append(sequence).append(",\"prev_hash\":");
        JsonText.appendString(out, prevHash);
        for (AuditColumn each : chain.kind().columns()) {
            out.append(',');
            JsonText.appendString(out, each.name());
            out.append(':');
            JsonText.appendValue(out, values.get(each.name()));
        }
        return out.append('}').toString();
    }

    static String hash(ChainKey chain, long sequence, String prevHash, Map<String, Object> values) {
        return sha256Hex(serialize(chain, sequence, prevHash, values));
    }

    static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", ex);
        }
    }
}

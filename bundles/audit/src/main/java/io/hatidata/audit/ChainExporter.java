package io.hatidata.audit;

import io.hatidata.api.audit.ExportFormat;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/**
 * Streams the raw entries of one chain between two instants, in chain order, for offline verification.
 * A JSON Lines row is the entry's canonical form with {@code "entry_hash"} appended as the last member, so
 * {@code sha256(line without ,"entry_hash":"…" and with the closing brace)} must equal that hash. A CSV row
 * has the columns {@code log, chain_id, seq, prev_hash}, the trail's columns, then {@code entry_hash}
 * (RFC 4180 quoting; numbers and booleans as in the canonical form, missing values empty).
 */
final class ChainExporter {
    private ChainExporter() {}

    static void export(Connection connection, ChainKey chain, Instant start, Instant end, ExportFormat format,
            OutputStream out) throws IOException, SQLException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        if (format == ExportFormat.CSV) {
            writer.write(csvHeader(chain.kind()));
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM " + chain.kind().table()
                + " WHERE chain_id = ? AND ts >= ? AND ts < ? ORDER BY seq")) {
            select.setFetchSize(500);
            select.setString(1, chain.chainId());
            select.setLong(2, start.toEpochMilli());
            select.setLong(3, end.toEpochMilli());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long sequence = rows.getLong("seq");
                    String prevHash = rows.getString("prev_hash");
                    String hash = rows.getString("entry_hash");
                    Map<String, Object> values = StoredEntries.values(rows, chain.kind());
                    writer.write(format == ExportFormat.CSV
                            ? csvRow(chain, sequence, prevHash, values, hash)
                            : jsonLine(chain, sequence, prevHash, values, hash));
                }
            }
        }
        writer.flush();
    }

    static String jsonLine(ChainKey chain, long sequence, String prevHash, Map<String, Object> values, String hash) {
        String canonical = CanonicalForm.serialize(chain, sequence, prevHash, values);
        return canonical.substring(0, canonical.length() - 1) + ",\"entry_hash\":\"" + hash + "\"}\n";
    }

    static String csvHeader(AuditLogKind kind) {
        StringBuilder line = new StringBuilder("log,chain_id,seq,prev_hash");
        kind.columns().forEach(each -> line.append(',').append(each.name()));
        return line.append(",entry_hash\r\n").toString();
    }

    static String csvRow(ChainKey chain, long sequence, String prevHash, Map<String, Object> values, String hash) {
        StringBuilder line = new StringBuilder();
        line.append(chain.kind().logName()).append(',');
        csvField(line, chain.chainId());
        line.append(',').append(sequence).append(',').append(prevHash);
        for (AuditColumn each : chain.kind().columns()) {
            line.append(',');
            Object value = values.get(each.name());
            if (value != null) {
                csvField(line, value.toString());
            }
        }
        return line.append(',').append(hash).append("\r\n").toString();
    }

    private static void csvField(StringBuilder line, String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            line.append(value);
        } else {
            line.append('"').append(value.replace("\"", "\"\"")).append('"');
        }
    }
}

package io.hatidata.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The JDBC statements of the chain tables: reading heads, inserting entries and checkpoints. */
final class ChainStore {
    private ChainStore() {}

    /** The head of a chain as stored: its newest entry and newest checkpoint (genesis when empty). */
    static ChainHead loadHead(Connection connection, ChainKey chain, long nowMillis) throws SQLException {
        long sequence = 0;
        String hash = CanonicalForm.GENESIS;
        try (PreparedStatement statement = connection.prepareStatement("SELECT seq, entry_hash FROM "
                + chain.kind().table() + " WHERE chain_id = ? ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY")) {
            statement.setString(1, chain.chainId());
            try (ResultSet rows = statement.executeQuery()) {
                if (rows.next()) {
                    sequence = rows.getLong(1);
                    hash = rows.getString(2);
                }
            }
        }
        long checkpointSequence = 0;
        long checkpointAt = nowMillis;
        try (PreparedStatement statement = connection.prepareStatement("SELECT seq, signed_at FROM audit_checkpoints"
                + " WHERE log = ? AND chain_id = ? ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY")) {
            statement.setString(1, chain.kind().logName());
            statement.setString(2, chain.chainId());
            try (ResultSet rows = statement.executeQuery()) {
                if (rows.next()) {
                    checkpointSequence = rows.getLong(1);
                    checkpointAt = rows.getLong(2);
                }
            }
        }
        return new ChainHead(sequence, hash, checkpointSequence, checkpointAt);
    }

    /** Every chain id that has entries in this trail. */
    static List<String> chainIds(Connection connection, AuditLogKind kind) throws SQLException {
        List<String> result = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT DISTINCT chain_id FROM " + kind.table());
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                result.add(rows.getString(1));
            }
        }
        return Collections.unmodifiableList(result);
    }

    static String insertSql(AuditLogKind kind) {
        StringBuilder names = new StringBuilder("chain_id, seq");
        StringBuilder marks = new StringBuilder("?, ?");
        for (AuditColumn each : kind.columns()) {
            names.append(", ").append(each.name());
            marks.append(", ?");
        }
        return "INSERT INTO " + kind.table() + " (" + names + ", prev_hash, entry_hash) VALUES (" + marks + ", ?, ?)";
    }

    static void bindEntry(PreparedStatement insert, ChainRecord record, long sequence, String prevHash, String hash)
            throws SQLException {
        int index = 1;
        insert.setString(index++, record.chainId());
        insert.setLong(index++, sequence);
        Map<String, Object> values = record.values();
        for (AuditColumn each : record.kind().columns()) {
            Object value = values.get(each.name());
            switch (each.kind()) {
                case TEXT -> insert.setString(index++, (String) value);
                case LONG -> {
                    if (value == null) {
                        insert.setNull(index++, java.sql.Types.BIGINT);
                    } else {
                        insert.setLong(index++, (Long) value);
                    }
                }
                case BOOL -> {
                    if (value == null) {
                        insert.setNull(index++, java.sql.Types.BOOLEAN);
                    } else {
                        insert.setBoolean(index++, (Boolean) value);
                    }
                }
            }
        }
        insert.setString(index++, prevHash);
        insert.setString(index, hash);
    }

    static void insertCheckpoint(Connection connection, ChainKey chain, long sequence, String entryHash,
            long signedAt, String keyId, String signature) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_checkpoints"
                + " (log, chain_id, seq, entry_hash, signed_at, key_id, signature) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, chain.kind().logName());
            insert.setString(2, chain.chainId());
            insert.setLong(3, sequence);
            insert.setString(4, entryHash);
            insert.setLong(5, signedAt);
            insert.setString(6, keyId);
            insert.setString(7, signature);
            insert.executeUpdate();
        }
    }
}

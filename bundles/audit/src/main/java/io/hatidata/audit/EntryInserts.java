package io.hatidata.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;

/**
 * The JDBC batch inserts of linked entries on one connection: one prepared statement per trail, entries added
 * in order, {@link #execute} runs the batches. The writer's batch and the journal's recovery both store
 * entries this way. Closing closes the statements (not the connection, not the transaction).
 */
final class EntryInserts implements AutoCloseable {
    private final Connection connection;
    private final Map<AuditLogKind, PreparedStatement> inserts = new EnumMap<>(AuditLogKind.class);

    EntryInserts(Connection connection) {
        this.connection = connection;
    }

    /** Adds the entry to its trail's batch. */
    void add(LinkedEntry entry) throws SQLException {
        AuditLogKind kind = entry.record().kind();
        PreparedStatement insert = inserts.get(kind);
        if (insert == null) {
            insert = connection.prepareStatement(ChainStore.insertSql(kind));
            inserts.put(kind, insert);
        }
        ChainStore.bindEntry(insert, entry.record(), entry.sequence(), entry.prevHash(), entry.hash());
        insert.addBatch();
    }

    /** Runs what was added since the last call. */
    void execute() throws SQLException {
        for (PreparedStatement each : inserts.values()) {
            each.executeBatch();
        }
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement each : inserts.values()) {
            each.close();
        }
    }
}

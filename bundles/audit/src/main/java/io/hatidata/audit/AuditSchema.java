package io.hatidata.audit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Creates the audit tables in the control-plane database. The audit bundle keeps its own version table
 * ({@code audit_schema_version}), so its migrations never interleave with the control plane's.
 */
final class AuditSchema {
    private AuditSchema() {}

    static List<String> version1() {
        List<String> result = new ArrayList<>();
        result.add("CREATE TABLE audit_schema_version (version INT NOT NULL)");
        for (AuditLogKind kind : AuditLogKind.values()) {
            StringBuilder create = new StringBuilder("CREATE TABLE ").append(kind.table())
                    .append(" (chain_id VARCHAR(64) NOT NULL, seq BIGINT NOT NULL");
            for (AuditColumn each : kind.columns()) {
                create.append(", ").append(each.name()).append(' ').append(each.sqlType());
            }
            create.append(", prev_hash CHAR(64) NOT NULL, entry_hash CHAR(64) NOT NULL, PRIMARY KEY (chain_id, seq))");
            result.add(create.toString());
            result.add("CREATE INDEX " + kind.table() + "_ts ON " + kind.table() + " (chain_id, ts)");
        }
        result.add("CREATE INDEX audit_query_log_query ON audit_query_log (chain_id, query_id)");
        result.add("CREATE INDEX audit_query_log_intent ON audit_query_log (chain_id, intent_seq)");
        result.add("CREATE UNIQUE INDEX audit_iam_log_event ON audit_iam_log (event_id)");
        result.add("CREATE TABLE audit_checkpoints (log VARCHAR(10) NOT NULL, chain_id VARCHAR(64) NOT NULL,"
                + " seq BIGINT NOT NULL, entry_hash CHAR(64) NOT NULL, signed_at BIGINT NOT NULL,"
                + " key_id VARCHAR(32) NOT NULL, signature VARCHAR(200) NOT NULL, PRIMARY KEY (log, chain_id, seq))");
        result.add("INSERT INTO audit_schema_version (version) VALUES (1)");
        return result;
    }

    /** Creates the tables unless they exist. */
    static void migrate(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (exists(connection)) {
                return;
            }
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String each : version1()) {
                    statement.execute(each);
                }
                connection.commit();
            } catch (SQLException ex) {
                connection.rollback();
                throw ex;
            }
        }
    }

    private static boolean exists(Connection connection) throws SQLException {
        for (String name : List.of("AUDIT_SCHEMA_VERSION", "audit_schema_version")) {
            try (ResultSet tables = connection.getMetaData().getTables(null, null, name, null)) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}

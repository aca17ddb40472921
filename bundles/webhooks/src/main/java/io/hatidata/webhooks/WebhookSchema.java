package io.hatidata.webhooks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * Creates and migrates this bundle's tables in the control-plane database: {@code webhooks} (the
 * subscriptions, secrets encrypted) and {@code webhook_deliveries} (the outbox: one row per event and
 * webhook, unique by the pair). {@code wh_schema_version} records the version reached; each version is
 * applied in one transaction. Plain SQL meant for Derby and PostgreSQL (tested on Derby).
 */
final class WebhookSchema {
    private static final List<String> VERSION_1 = List.of(
            "CREATE TABLE wh_schema_version (version INT NOT NULL)",
            "CREATE TABLE webhooks (id VARCHAR(40) PRIMARY KEY, org_id VARCHAR(40) NOT NULL,"
                    + " url VARCHAR(2048) NOT NULL, description VARCHAR(500) NOT NULL, events VARCHAR(2000) NOT NULL,"
                    + " status VARCHAR(20) NOT NULL, secret VARCHAR(300) NOT NULL, previous_secret VARCHAR(300),"
                    + " previous_secret_expires_at TIMESTAMP, failure_count INT DEFAULT 0 NOT NULL,"
                    + " last_delivered_at TIMESTAMP, last_status_code INT, created_by VARCHAR(40),"
                    + " created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)",
            "CREATE INDEX webhooks_org ON webhooks (org_id)",
            "CREATE TABLE webhook_deliveries (id VARCHAR(40) PRIMARY KEY,"
                    + " webhook_id VARCHAR(40) NOT NULL REFERENCES webhooks (id),"
                    + " event_id VARCHAR(80) NOT NULL, event_type VARCHAR(80) NOT NULL, payload VARCHAR(32000) NOT NULL,"
                    + " event_created_at TIMESTAMP NOT NULL, status VARCHAR(20) NOT NULL, attempts INT DEFAULT 0 NOT NULL,"
                    + " next_attempt_at TIMESTAMP, lease_until TIMESTAMP, response_code INT, latency_ms BIGINT,"
                    + " last_error VARCHAR(500), created_at TIMESTAMP NOT NULL, delivered_at TIMESTAMP,"
                    + " CONSTRAINT webhook_deliveries_event UNIQUE (event_id, webhook_id))",
            "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at)",
            "INSERT INTO wh_schema_version (version) VALUES (1)");

    private static final List<List<String>> VERSIONS = List.of(VERSION_1);

    private WebhookSchema() {}

    /** Brings the schema to the newest version; returns the version it was at before. */
    static int migrate(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            int current = currentVersion(connection);
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (int version = current + 1; version <= VERSIONS.size(); version++) {
                    for (String each : VERSIONS.get(version - 1)) {
                        statement.execute(each);
                    }
                    if (version > 1) {
                        statement.executeUpdate("UPDATE wh_schema_version SET version = " + version);
                    }
                    connection.commit();
                }
            } catch (SQLException ex) {
                connection.rollback();
                throw ex;
            }
            return current;
        }
    }

    private static int currentVersion(Connection connection) throws SQLException {
        // Derby reports unquoted names in upper case, PostgreSQL in lower case
        for (String name : List.of("WH_SCHEMA_VERSION", "wh_schema_version")) {
            try (ResultSet tables = connection.getMetaData().getTables(null, null, name, null)) {
                if (tables.next()) {
                    try (Statement statement = connection.createStatement();
                            ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM wh_schema_version")) {
                        return rows.next() ? rows.getInt(1) : 0;
                    }
                }
            }
        }
        return 0;
    }
}

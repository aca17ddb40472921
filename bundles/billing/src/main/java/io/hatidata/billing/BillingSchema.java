package io.hatidata.billing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * Creates and migrates billing's own tables in the control-plane store (all named {@code billing_…});
 * {@code billing_schema_version} records the version reached.
 *
 * <ul>
 *   <li>{@code billing_usage_hourly}: one row per organization, hour (epoch second of its start, UTC),
 *       environment, key, agent, statement kind and billability, with the statements, credits
 *       (thousandths) and rows of that hour; the meter adds to it with UPDATE-then-INSERT from its one
 *       flushing thread;
 *   <li>{@code billing_quotas}: the quotas an owner set (absent ones are the tier default);
 *   <li>{@code billing_alert_thresholds}: an owner's alert thresholds;
 *   <li>{@code billing_alerts}: the alerts already sent per billing period, so each is sent once.
 * </ul>
 */
final class BillingSchema {
    private static final List<String> VERSION_1 = List.of(
            "CREATE TABLE billing_schema_version (version INT NOT NULL)",
            "CREATE TABLE billing_usage_hourly (org_id VARCHAR(40) NOT NULL, hour_start BIGINT NOT NULL,"
                    + " env_id VARCHAR(40) NOT NULL, key_id VARCHAR(40) NOT NULL, agent_id VARCHAR(128) NOT NULL,"
                    + " statement_kind VARCHAR(16) NOT NULL, billable SMALLINT NOT NULL,"
                    + " query_count BIGINT NOT NULL, credits_milli BIGINT NOT NULL, row_count BIGINT NOT NULL,"
                    + " PRIMARY KEY (org_id, hour_start, env_id, key_id, agent_id, statement_kind, billable))",
            "CREATE INDEX billing_usage_key ON billing_usage_hourly (key_id, hour_start)",
            "CREATE INDEX billing_usage_agent ON billing_usage_hourly (org_id, agent_id, hour_start)",
            "CREATE TABLE billing_quotas (org_id VARCHAR(40) NOT NULL, quota VARCHAR(40) NOT NULL,"
                    + " limit_value BIGINT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (org_id, quota))",
            "CREATE TABLE billing_alert_thresholds (org_id VARCHAR(40) PRIMARY KEY,"
                    + " thresholds VARCHAR(200) NOT NULL, updated_at BIGINT NOT NULL)",
            "CREATE TABLE billing_alerts (org_id VARCHAR(40) NOT NULL, period VARCHAR(7) NOT NULL,"
                    + " alert VARCHAR(120) NOT NULL, sent_at BIGINT NOT NULL, PRIMARY KEY (org_id, period, alert))",
            "INSERT INTO billing_schema_version (version) VALUES (1)");

    private static final List<List<String>> VERSIONS = List.of(VERSION_1);

    private BillingSchema() {}

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
                        statement.executeUpdate("UPDATE billing_schema_version SET version = " + version);
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
        boolean exists = false;
        for (String name : List.of("BILLING_SCHEMA_VERSION", "billing_schema_version")) {
            try (ResultSet tables = connection.getMetaData().getTables(null, null, name, null)) {
                exists |= tables.next();
            }
        }
        if (!exists) {
            return 0;
        }
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM billing_schema_version")) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }
}

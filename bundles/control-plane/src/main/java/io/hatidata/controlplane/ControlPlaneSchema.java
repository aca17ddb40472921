package io.hatidata.controlplane;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * Creates and migrates the control plane's tables. Each version is a list of statements applied in one
 * transaction; {@code cp_schema_version} records the version reached, so a restart applies only what is new.
 */
final class ControlPlaneSchema {
    /** Version 1: organizations, users, environments, API keys. */
    private static final List<String> VERSION_1 = List.of(
            "CREATE TABLE cp_schema_version (version INT NOT NULL)",
            "CREATE TABLE organizations (id VARCHAR(40) PRIMARY KEY, name VARCHAR(200) NOT NULL,"
                    + " tier VARCHAR(20) NOT NULL, created_at TIMESTAMP NOT NULL)",
            "CREATE TABLE users (id VARCHAR(40) PRIMARY KEY,"
                    + " org_id VARCHAR(40) NOT NULL REFERENCES organizations (id),"
                    + " user_name VARCHAR(200) NOT NULL, email VARCHAR(320) NOT NULL,"
                    + " password_hash VARCHAR(200), role VARCHAR(40) NOT NULL, created_at TIMESTAMP NOT NULL,"
                    + " CONSTRAINT users_email_unique UNIQUE (email))",
            "CREATE TABLE environments (id VARCHAR(40) PRIMARY KEY,"
                    + " org_id VARCHAR(40) NOT NULL REFERENCES organizations (id),"
                    + " name VARCHAR(100) NOT NULL, created_at TIMESTAMP NOT NULL,"
                    + " CONSTRAINT environments_name_unique UNIQUE (org_id, name))",
            "CREATE TABLE api_keys (id VARCHAR(40) PRIMARY KEY,"
                    + " org_id VARCHAR(40) NOT NULL REFERENCES organizations (id),"
                    + " environment_id VARCHAR(40) NOT NULL REFERENCES environments (id),"
                    + " user_id VARCHAR(40) NOT NULL REFERENCES users (id),"
                    + " name VARCHAR(200) NOT NULL, key_prefix CHAR(12) NOT NULL, key_hash VARCHAR(200) NOT NULL,"
                    + " role VARCHAR(40) NOT NULL, created_at TIMESTAMP NOT NULL, expires_at TIMESTAMP,"
                    + " revoked_at TIMESTAMP)",
            "CREATE INDEX api_keys_prefix ON api_keys (key_prefix)",
            "INSERT INTO cp_schema_version (version) VALUES (1)");

    private static final List<List<String>> VERSIONS = List.of(VERSION_1);

    private ControlPlaneSchema() {}

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
                        statement.executeUpdate("UPDATE cp_schema_version SET version = " + version);
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
        try (ResultSet tables = connection.getMetaData().getTables(null, null, "CP_SCHEMA_VERSION", null)) {
            if (!tables.next()) {
                return 0;
            }
        }
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM cp_schema_version")) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }
}

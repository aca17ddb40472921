package io.hatidata.policy;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Creates and upgrades the policy tables in the control-plane database. The version is kept in
 * {@code policy_schema_version}; a database without that table but with {@code policies} is at version 1.
 * <ul>
 *   <li>version 1: {@code policies}, {@code policy_attributes};
 *   <li>version 2: {@code policies.mode} ({@code enforce} | {@code shadow}, existing policies enforce) and the
 *       shadow log {@code policy_shadow_decisions}.
 * </ul>
 * Both components of the bundle that use the tables migrate on activation; migrations of one JVM are
 * serialised, and one that loses a race with another node re-reads the version.
 */
final class PolicySchema {
    static final int CURRENT = 2;

    private static final List<String> VERSION_1 = List.of(
            "CREATE TABLE policies (id VARCHAR(40) PRIMARY KEY, env_id VARCHAR(40) NOT NULL,"
                    + " org_id VARCHAR(40) NOT NULL, name VARCHAR(200) NOT NULL, policy_type VARCHAR(40) NOT NULL,"
                    + " enabled BOOLEAN NOT NULL, definition CLOB NOT NULL, created_at TIMESTAMP NOT NULL,"
                    + " updated_at TIMESTAMP NOT NULL, CONSTRAINT policies_env_name UNIQUE (env_id, name))",
            "CREATE TABLE policy_attributes (env_id VARCHAR(40) NOT NULL, principal_id VARCHAR(80) NOT NULL,"
                    + " attr_name VARCHAR(100) NOT NULL, attr_value VARCHAR(1000) NOT NULL,"
                    + " PRIMARY KEY (env_id, principal_id, attr_name))");

    private static final List<String> VERSION_2 = List.of(
            "CREATE TABLE policy_schema_version (version INT NOT NULL)",
            "ALTER TABLE policies ADD COLUMN mode VARCHAR(10) NOT NULL DEFAULT 'enforce'",
            "CREATE TABLE policy_shadow_decisions (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                    + " policy_id VARCHAR(40) NOT NULL, env_id VARCHAR(40) NOT NULL, query_id VARCHAR(80) NOT NULL,"
                    + " principal_id VARCHAR(80) NOT NULL, role_name VARCHAR(40) NOT NULL, agent_id VARCHAR(128) NOT NULL,"
                    + " fingerprint VARCHAR(4000) NOT NULL, decision VARCHAR(10) NOT NULL, targets VARCHAR(2000) NOT NULL,"
                    + " detail VARCHAR(2000) NOT NULL, decided_at TIMESTAMP NOT NULL)",
            "CREATE INDEX policy_shadow_by_policy ON policy_shadow_decisions (policy_id, id)",
            "INSERT INTO policy_schema_version (version) VALUES (2)");

    private PolicySchema() {}

    static synchronized void migrate(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (version(connection) < 1) {
                apply(connection, VERSION_1, 1);
            }
            if (version(connection) < 2) {
                apply(connection, VERSION_2, 2);
            }
        }
    }

    /** 0 for an empty database, 1 when only the first tables exist, else the stored version. */
    static int version(Connection connection) throws SQLException {
        if (!exists(connection, "policies")) {
            return 0;
        }
        if (!exists(connection, "policy_schema_version")) {
            return 1;
        }
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM policy_schema_version")) {
            return rows.next() ? rows.getInt(1) : 1;
        }
    }

    private static void apply(Connection connection, List<String> statements, int version) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String each : statements) {
                statement.execute(each);
            }
            connection.commit();
        } catch (SQLException ex) {
            connection.rollback();
            if (version(connection) < version) {
                throw ex;
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
            try (ResultSet rows = meta.getTables(null, null, name, new String[] {"TABLE"})) {
                if (rows.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}

package io.hatidata.policy;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/** Creates the policy tables in the control-plane database when they are missing (version 1). */
final class PolicySchema {
    private static final List<String> VERSION_1 = List.of(
            "CREATE TABLE policies (id VARCHAR(40) PRIMARY KEY, env_id VARCHAR(40) NOT NULL,"
                    + " org_id VARCHAR(40) NOT NULL, name VARCHAR(200) NOT NULL, policy_type VARCHAR(40) NOT NULL,"
                    + " enabled BOOLEAN NOT NULL, definition CLOB NOT NULL, created_at TIMESTAMP NOT NULL,"
                    + " updated_at TIMESTAMP NOT NULL, CONSTRAINT policies_env_name UNIQUE (env_id, name))",
            "CREATE TABLE policy_attributes (env_id VARCHAR(40) NOT NULL, principal_id VARCHAR(80) NOT NULL,"
                    + " attr_name VARCHAR(100) NOT NULL, attr_value VARCHAR(1000) NOT NULL,"
                    + " PRIMARY KEY (env_id, principal_id, attr_name))");

    private PolicySchema() {}

    static void migrate(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (exists(connection, "policies")) {
                return;
            }
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String each : VERSION_1) {
                    statement.execute(each);
                }
                connection.commit();
            } catch (SQLException ex) {
                connection.rollback();
                if (!exists(connection, "policies")) {
                    throw ex;
                }
            }
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

package io.hatidata.audit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.derby.jdbc.EmbeddedDataSource;

/** An embedded Derby database in a temporary folder, with the audit schema. */
final class TestDerby implements AutoCloseable {
    final EmbeddedDataSource dataSource = new EmbeddedDataSource();
    private final Path dir;

    TestDerby(Path dir) throws SQLException {
        this.dir = dir;
        dataSource.setDatabaseName(dir.resolve("db").toString());
        dataSource.setCreateDatabase("create");
        AuditSchema.migrate(dataSource);
    }

    /** Runs one statement in auto-commit, as an intruder with database access would. */
    int execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }

    @Override
    public void close() {
        EmbeddedDataSource shutdown = new EmbeddedDataSource();
        shutdown.setDatabaseName(dir.resolve("db").toString());
        shutdown.setShutdownDatabase("shutdown");
        try {
            shutdown.getConnection().close();
        } catch (SQLException expected) {
            // Derby reports a successful shutdown as an exception
        }
    }
}

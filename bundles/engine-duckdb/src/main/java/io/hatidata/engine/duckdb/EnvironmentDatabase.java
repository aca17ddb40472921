package io.hatidata.engine.duckdb;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * One environment's DuckDB database file, opened once: the root connection keeps the database instance
 * alive, and each client session gets its own connection duplicated from it (same database, own
 * transaction).
 */
final class EnvironmentDatabase implements AutoCloseable {
    private final Path file;
    private final DuckDBConnection root;

    private EnvironmentDatabase(Path file, DuckDBConnection root) {
        this.file = file;
        this.root = root;
    }

    /**
     * Opens (creating when absent) the database file.
     *
     * @param settings DuckDB configuration options (memory_limit, threads, …)
     */
    static EnvironmentDatabase open(Path file, Properties settings) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(settings);
        // Results are pulled chunk by chunk as the client reads them, never materialised whole.
        properties.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
        // Statements reach only this database: no reading or writing host files (read_text, COPY TO,
        // ATTACH of another environment's file, the product's own keys and configuration), no extension
        // downloads, and no session may change the engine's limits. DuckDB refuses to undo these at run time.
        properties.setProperty("enable_external_access", "false");
        properties.setProperty("autoinstall_known_extensions", "false");
        properties.setProperty("autoload_known_extensions", "false");
        properties.setProperty("lock_configuration", "true");
        Connection connection = new DuckDBDriver().connect("jdbc:duckdb:" + file, properties);
        return new EnvironmentDatabase(file, (DuckDBConnection) connection);
    }

    /** A new connection to this database for one client session. */
    Connection newConnection() throws SQLException {
        return root.duplicate();
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws SQLException {
        root.close();
    }
}

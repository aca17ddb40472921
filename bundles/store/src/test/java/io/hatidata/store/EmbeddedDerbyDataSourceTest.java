package io.hatidata.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDerbyDataSourceTest {

    @TempDir
    Path dataDir;

    @Test
    void keepsDataAcrossRestartsInTheDataFolder() throws Exception {
        EmbeddedDerbyDataSource first = new EmbeddedDerbyDataSource(config(dataDir.toString()));
        try (Connection connection = first.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id INT)");
            statement.execute("INSERT INTO t VALUES (42)");
        }
        first.deactivate();
        assertTrue(Files.isDirectory(dataDir.resolve("controlplane")));

        EmbeddedDerbyDataSource second = new EmbeddedDerbyDataSource(config(dataDir.toString()));
        try (Connection connection = second.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id FROM t")) {
            assertTrue(rows.next());
            assertEquals(42, rows.getInt(1));
        } finally {
            second.deactivate();
        }
    }

    @Test
    void connectionsAfterTheBootCarryNoCreateWarning() throws Exception {
        EmbeddedDerbyDataSource store = new EmbeddedDerbyDataSource(config(dataDir.toString()));
        try (Connection connection = store.getConnection()) {
            // with create=true Derby warns "connection made to existing database instead" on every connection
            assertNull(connection.getWarnings());
        } finally {
            store.deactivate();
        }
    }

    @Test
    void refusesConnectionsAfterShutdownAndShutsDownOnce() throws Exception {
        EmbeddedDerbyDataSource store = new EmbeddedDerbyDataSource(config(dataDir.toString()));
        store.deactivate();
        store.deactivate();
        SQLException refused = assertThrows(SQLException.class, store::getConnection);
        assertEquals("08003", refused.getSQLState());
    }

    private static EmbeddedDerbyDataSourceConfig config(String dataDir) {
        return new EmbeddedDerbyDataSourceConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return EmbeddedDerbyDataSourceConfig.class;
            }

            @Override
            public String dataDir() {
                return dataDir;
            }

            @Override
            public String databaseName() {
                return "controlplane";
            }

            @Override
            public String hatidata_datasource() {
                return "control-plane";
            }
        };
    }
}

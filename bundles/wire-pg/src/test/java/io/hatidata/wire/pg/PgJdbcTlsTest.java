package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real pgjdbc with {@code sslmode=require} against the real server with TLS required. */
class PgJdbcTlsTest {
    private final FakeAuthenticator authenticator = new FakeAuthenticator();
    private final FakePipeline pipeline = new FakePipeline();
    private PgServerRuntime runtime;

    @TempDir
    Path data;

    @BeforeEach
    void start() {
        runtime = PgServerRuntime.start(TestTls.serverSettings(TestTls.selfSigned(data, true)),
                () -> authenticator, () -> pipeline);
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private Connection connect(String sslMode) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "agent");
        properties.setProperty("password", FakeAuthenticator.GOOD_KEY);
        properties.setProperty("sslmode", sslMode);
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "30");
        String url = "jdbc:postgresql://127.0.0.1:" + runtime.localAddress().getPort() + "/hatidata";
        return new org.postgresql.Driver().connect(url, properties);
    }

    @Test
    void sslmodeRequireConnectsOverTlsAndRunsAQuery() throws SQLException {
        try (Connection connection = connect("require");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select")) {
            assertTrue(rows.next());
            assertEquals(1, rows.getInt("id"));
            assertEquals("one", rows.getString("name"));
        }
    }

    @Test
    void sslmodeDisableIsRefusedWhenTlsIsRequired() {
        SQLException refused = assertThrows(SQLException.class, () -> connect("disable").close());
        assertEquals("28000", refused.getSQLState());
        assertTrue(refused.getMessage().contains("TLS is required"), refused.getMessage());
    }
}

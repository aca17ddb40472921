package io.hatidata.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.hatidata.api.identity.Authenticator;
import io.hatidata.api.pipeline.Pipeline;
import io.hatidata.api.pipeline.StageInfo;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import javax.sql.DataSource;
import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The product as an operator gets it: every bundle active, every component satisfied, and a real Postgres
 * client that connects with the bootstrap key, writes and reads, and gets the right SQLSTATEs.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProductIT extends HatiDataTestSupport {

    @Inject
    private BundleContext bundleContext;

    @Inject
    @Filter(timeout = 120_000)
    private Pipeline pipeline;

    @Inject
    @Filter(timeout = 120_000)
    private Authenticator authenticator;

    @Inject
    @Filter(value = "(hatidata.datasource=control-plane)", timeout = 120_000)
    private DataSource controlPlane;

    @Inject
    private ServiceComponentRuntime componentRuntime;

    @Configuration
    public Option[] configuration() {
        return baseConfiguration();
    }

    @Test
    public void everyProductBundleIsActiveAndEveryComponentSatisfied() {
        List<String> productBundles = new ArrayList<>();
        for (Bundle each : bundleContext.getBundles()) {
            String name = each.getSymbolicName();
            if (name.startsWith("io.hatidata.") && !name.startsWith("io.hatidata.examples")) {
                productBundles.add(name);
                assertEquals(name + " is not active", Bundle.ACTIVE, each.getState());
            }
        }
        assertTrue(productBundles.toString(), productBundles.containsAll(List.of("io.hatidata.api",
                "io.hatidata.pipeline", "io.hatidata.store", "io.hatidata.controlplane",
                "io.hatidata.engine.duckdb", "io.hatidata.wire.pg")));

        for (ComponentDescriptionDTO description : componentRuntime.getComponentDescriptionDTOs()) {
            if (!description.bundle.symbolicName.startsWith("io.hatidata.")) {
                continue;
            }
            assertTrue(description.name + " is disabled", componentRuntime.isComponentEnabled(description));
            for (ComponentConfigurationDTO configuration : componentRuntime.getComponentConfigurationDTOs(description)) {
                assertTrue(description.name + " is not satisfied (state " + configuration.state + ")",
                        configuration.state == ComponentConfigurationDTO.ACTIVE
                                || configuration.state == ComponentConfigurationDTO.SATISFIED);
            }
        }
        List<String> stages = pipeline.stages().stream().map(StageInfo::name).toList();
        assertTrue(stages.toString(), stages.contains("execute"));
    }

    @Test
    public void pgjdbcCreatesInsertsAndSelectsWithTheBootstrapKey() throws Exception {
        try (Connection connection = connect(bootstrapKey()); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE itest_orders (id INTEGER, customer VARCHAR, amount DECIMAL(10,2))");
            assertEquals(2, statement.executeUpdate("INSERT INTO itest_orders VALUES (1, 'ada', 10.50), (2, 'bob', 7.25)"));
            try (ResultSet rows = statement.executeQuery("SELECT id, customer, amount FROM itest_orders ORDER BY id")) {
                assertTrue(rows.next());
                assertEquals(1, rows.getInt("id"));
                assertEquals("ada", rows.getString("customer"));
                assertEquals("10.50", rows.getBigDecimal("amount").toPlainString());
                assertTrue(rows.next());
                assertEquals("bob", rows.getString(2));
                assertFalse(rows.next());
            }
            assertEquals("15.0", connection.getMetaData().getDatabaseProductVersion());
        }
    }

    @Test
    public void pgjdbcPreparedStatementsBindParametersAndStreamWithAFetchSize() throws Exception {
        try (Connection connection = connect(bootstrapKey())) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE itest_events (id INTEGER, kind VARCHAR, happened_at TIMESTAMP)");
            }
            // more executions than prepareThreshold (5): pgjdbc switches to a named server-side statement
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO itest_events VALUES (?, ?, ?)")) {
                for (int i = 1; i <= 8; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, i % 2 == 0 ? "even" : "odd");
                    insert.setTimestamp(3, java.sql.Timestamp.valueOf("2026-01-0" + (i % 9 + 1) + " 10:00:00"));
                    assertEquals(1, insert.executeUpdate());
                }
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM itest_events WHERE kind = ? ORDER BY id")) {
                for (int round = 0; round < 6; round++) {
                    select.setString(1, "even");
                    List<Integer> ids = new ArrayList<>();
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            ids.add(rows.getInt(1));
                        }
                    }
                    assertEquals(List.of(2, 4, 6, 8), ids);
                }
            }
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(3);
                long count = 0;
                try (ResultSet rows = statement.executeQuery("SELECT * FROM range(1000)")) {
                    while (rows.next()) {
                        count++;
                    }
                }
                assertEquals(1000, count);
            }
            connection.commit();
        }
    }

    @Test
    public void cancelRequestsAndStatementTimeoutsStopARunningStatementWith57014() throws Exception {
        String endless = "SELECT sum(i * i) FROM range(1000000000000) t(i)";
        try (Connection connection = connect(bootstrapKey()); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(1); // pgjdbc sends a CancelRequest on a new connection after 1 s
            assertSqlState("57014", () -> statement.executeQuery(endless));
            statement.setQueryTimeout(0);

            statement.execute("SET statement_timeout = '300ms'");
            assertSqlState("57014", () -> statement.executeQuery(endless));
            statement.execute("SET statement_timeout = 0");
            try (ResultSet rows = statement.executeQuery("SELECT 1")) {
                assertTrue("the session survives cancellation", rows.next());
            }
        }
    }

    @Test
    public void errorsCarryPostgresSqlStatesAndTheSessionSurvivesThem() throws Exception {
        try (Connection connection = connect(bootstrapKey()); Statement statement = connection.createStatement()) {
            assertSqlState("42P01", () -> statement.executeQuery("SELECT * FROM no_such_table"));
            assertSqlState("42601", () -> statement.execute("SELEC 1"));
            try (ResultSet rows = statement.executeQuery("SELECT 41 + 1")) {
                assertTrue(rows.next());
                assertEquals(42, rows.getInt(1));
            }
        }
    }

    @Test
    public void aWrongKeyGets28P01AndTheServerKeepsServing() throws Exception {
        assertSqlState("28P01", () -> connect("hd_live_" + "x".repeat(32)).close());
        assertSqlState("28P01", () -> connect("not-even-a-key").close());
        try (Connection connection = connect(bootstrapKey())) {
            assertTrue(connection.isValid(10));
        }
    }

    @Test
    public void aMalformedStartupPacketGetsAnErrorAndTheServerKeepsServing() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", pgPort()), 10_000);
            socket.setSoTimeout(10_000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(8);
            out.writeInt(12345678); // neither a protocol version nor a known request code
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertEquals('E', in.readByte());
            int length = in.readInt();
            byte[] body = new byte[length - 4];
            in.readFully(body);
            String fields = new String(body, StandardCharsets.UTF_8);
            assertTrue(fields, fields.contains("C08P01") || fields.contains("C0A000"));
            assertEquals("the server closes the connection", -1, readOrEnd(in));
        }
        try (Connection connection = connect(bootstrapKey())) {
            assertTrue(connection.isValid(10));
        }
    }

    @Test
    public void theControlPlaneStoresOnlyTheHashOfTheKey() throws Exception {
        String key = bootstrapKey();
        try (Connection connection = controlPlane.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT key_prefix, key_hash FROM api_keys")) {
            assertTrue(rows.next());
            assertEquals(key.substring(0, 12), rows.getString(1));
            assertTrue(rows.getString(2).startsWith("$argon2id$"));
            assertFalse(rows.getString(2).contains(key.substring(12)));
        }
        assertNotNull(authenticator);
    }

    @Test
    public void theHealthEndpointAnswersOnTheConfiguredHttpPort() throws Exception {
        URL health = new URL("http://127.0.0.1:" + httpPort() + "/health");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            HttpURLConnection connection = (HttpURLConnection) health.openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(10_000);
            try {
                if (connection.getResponseCode() == 200) {
                    String body = new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertTrue(body, body.startsWith("{\"status\":\"ok\""));
                    assertTrue(connection.getContentType(), connection.getContentType().startsWith("application/json"));
                    return;
                }
            } catch (IOException notYet) {
                // Pax Web may still be starting
            } finally {
                connection.disconnect();
            }
            if (System.nanoTime() > deadline) {
                fail("GET /health did not answer 200 on port " + httpPort());
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    @Test
    public void psqlOverTlsCreatesInsertsAndSelectsWithTheBootstrapKey() throws Exception {
        File psql = new File("/usr/bin/psql");
        Assume.assumeTrue("psql is not installed", psql.canExecute());
        ProcessBuilder builder = new ProcessBuilder(psql.getPath(), "-h", "127.0.0.1", "-p", Integer.toString(pgPort()),
                "-U", "admin", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                "-c", "CREATE TABLE psql_notes (id INTEGER, body VARCHAR)",
                "-c", "INSERT INTO psql_notes VALUES (1, 'hello'), (2, 'world')",
                "-c", "SELECT id || ':' || body FROM psql_notes ORDER BY id",
                "hatidata");
        builder.environment().put("PGPASSWORD", bootstrapKey());
        builder.environment().put("PGCONNECT_TIMEOUT", "10");
        builder.environment().put("PGSSLMODE", "require"); // TLS with the self-signed certificate of the first start
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("psql did not finish", process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(output, 0, process.exitValue());
        assertTrue(output, output.contains("CREATE TABLE\nINSERT 0 2\n1:hello\n2:world"));
    }

    private static int readOrEnd(DataInputStream in) throws IOException {
        try {
            return in.read();
        } catch (java.net.SocketException ex) {
            return -1;
        }
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    private static void assertSqlState(String expected, SqlAction action) {
        try {
            action.run();
            fail("expected SQLSTATE " + expected);
        } catch (SQLException ex) {
            assertEquals(ex.getMessage(), expected, ex.getSQLState());
        }
    }
}

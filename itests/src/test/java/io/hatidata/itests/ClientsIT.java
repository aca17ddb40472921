package io.hatidata.itests;

import static io.hatidata.itests.Programs.PGBENCH;
import static io.hatidata.itests.Programs.PSQL;
import static io.hatidata.itests.Programs.run;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The clients people connect with, unmodified and with their defaults, against the running distribution:
 * psql's catalog commands, pgjdbc's DatabaseMetaData and CopyManager, node-postgres with a pool of ten,
 * pgbench in its three query modes and with connection churn, and 10,000 connect/disconnect cycles that
 * must leave the server's threads and file descriptors where they were.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ClientsIT extends HatiDataTestSupport {

    @Configuration
    public Option[] configuration() {
        return OptionUtils.combine(baseConfiguration(),
                CoreOptions.systemProperty("hatidata.itest.nodeDir").value(System.getProperty("hatidata.itest.nodeDir")),
                CoreOptions.systemProperty("hatidata.itest.workDir").value(new File("target").getAbsolutePath()));
    }

    @Test
    public void psqlCatalogCommandsDescribeTablesSchemasAndRoles() throws Exception {
        Assume.assumeTrue("psql is not installed", PSQL.canExecute());
        try (Connection connection = connect(bootstrapKey()); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE catalog_orders (id INTEGER PRIMARY KEY, customer VARCHAR NOT NULL,"
                    + " amount DECIMAL(10,2), placed TIMESTAMP)");
        }
        String output = run(List.of(PSQL.getPath(), "-h", "127.0.0.1", "-p", Integer.toString(pgPort()), "-U", "admin",
                "-X", "-v", "ON_ERROR_STOP=1", "-c", "\\l", "-c", "\\dt", "-c", "\\d catalog_orders", "-c", "\\dn",
                "-c", "\\du", "-c", "\\conninfo", "-c", "\\x", "-c", "SELECT 1 AS one", "hatidata"),
                Map.of("PGPASSWORD", bootstrapKey(), "PGSSLMODE", "disable"), null);
        assertTrue(output, output.contains("catalog_orders | table"));
        assertTrue(output, Pattern.compile("id\\s+\\|\\s+integer\\s+\\|\\s+\\|\\s+not null").matcher(output).find());
        assertTrue(output, Pattern.compile("customer\\s+\\|\\s+text\\s+\\|\\s+\\|\\s+not null").matcher(output).find());
        assertTrue(output, output.contains("numeric(10,2)"));
        assertTrue(output, output.contains("timestamp without time zone"));
        assertTrue(output, output.contains("\"catalog_orders_pkey\" PRIMARY KEY, btree (id)"));
        assertTrue(output, output.contains(" main "));
        assertTrue(output, output.contains("hatidata"));
        assertTrue(output, output.contains("You are connected to database \"hatidata\" as user \"admin\""));
        assertTrue(output, output.contains("Expanded display is on."));
        assertTrue(output, output.contains("one | 1"));
    }

    @Test
    public void psqlWithFetchCountReadsALargeResultThroughACursor() throws Exception {
        Assume.assumeTrue("psql is not installed", PSQL.canExecute());
        try (Connection connection = connect(bootstrapKey()); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE cursor_rows AS SELECT range AS i, 'row ' || range AS label FROM range(2500)");
        }
        String output = run(List.of(PSQL.getPath(), "-h", "127.0.0.1", "-p", Integer.toString(pgPort()), "-U", "admin",
                "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-v", "FETCH_COUNT=1000",
                "-c", "SELECT i, label FROM cursor_rows ORDER BY i",
                "-c", "SELECT count(*) AS after_the_cursor FROM cursor_rows",
                "hatidata"),
                Map.of("PGPASSWORD", bootstrapKey(), "PGSSLMODE", "disable"), null);
        List<String> lines = List.of(output.split("\n"));
        assertEquals(output.length() > 300 ? output.substring(0, 300) : output, 2501, lines.size());
        assertEquals("0|row 0", lines.get(0));
        assertEquals("2499|row 2499", lines.get(2499));
        assertEquals("2500", lines.get(2500));
    }

    @Test
    public void pgjdbcDatabaseMetaDataSeesTablesColumnsKeysAndTypes() throws Exception {
        try (Connection connection = connect(bootstrapKey())) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE meta_items (id BIGINT PRIMARY KEY, label VARCHAR, price DECIMAL(12,3))");
            }
            DatabaseMetaData meta = connection.getMetaData();
            assertEquals("PostgreSQL", meta.getDatabaseProductName());
            try (ResultSet tables = meta.getTables(null, null, "meta_items", new String[] {"TABLE"})) {
                assertTrue("getTables finds the table", tables.next());
                assertEquals("main", tables.getString("TABLE_SCHEM"));
            }
            List<String> columns = new ArrayList<>();
            try (ResultSet rows = meta.getColumns(null, null, "meta_items", "%")) {
                while (rows.next()) {
                    columns.add(rows.getString("COLUMN_NAME") + ":" + rows.getString("TYPE_NAME") + ":"
                            + rows.getInt("DATA_TYPE"));
                }
            }
            assertEquals(List.of("id:int8:" + java.sql.Types.BIGINT, "label:text:" + java.sql.Types.VARCHAR,
                    "price:numeric:" + java.sql.Types.NUMERIC), columns);
            try (ResultSet keys = meta.getPrimaryKeys(null, null, "meta_items")) {
                assertTrue(keys.next());
                assertEquals("id", keys.getString("COLUMN_NAME"));
            }
            List<String> schemas = new ArrayList<>();
            try (ResultSet rows = meta.getSchemas()) {
                while (rows.next()) {
                    schemas.add(rows.getString("TABLE_SCHEM"));
                }
            }
            assertTrue(schemas.toString(), schemas.contains("main"));
            int types = 0;
            try (ResultSet rows = meta.getTypeInfo()) {
                while (rows.next()) {
                    types++;
                }
            }
            assertTrue("getTypeInfo lists types: " + types, types > 20);
        }
    }

    @Test
    public void copyLoadsAndExportsThroughPsqlAndPgjdbc() throws Exception {
        try (Connection connection = connect(bootstrapKey())) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE copy_rows (id INTEGER, name VARCHAR, note VARCHAR)");
            }
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder csv = new StringBuilder("id,name,note\n");
            for (int i = 1; i <= 5000; i++) {
                csv.append(i).append(",\"name ").append(i).append("\",").append(i % 2 == 0 ? "" : "\"odd, yes\"").append('\n');
            }
            assertEquals(5000, copy.copyIn("COPY copy_rows FROM STDIN WITH (FORMAT csv, HEADER)", new StringReader(csv.toString())));
            StringWriter out = new StringWriter();
            assertEquals(2, copy.copyOut("COPY (SELECT id, name, note FROM copy_rows WHERE id <= 2 ORDER BY id) TO STDOUT", out));
            assertEquals("1\tname 1\todd, yes\n2\tname 2\t\\N\n", out.toString());
        }
        Assume.assumeTrue("psql is not installed", PSQL.canExecute());
        String output = run(List.of(PSQL.getPath(), "-h", "127.0.0.1", "-p", Integer.toString(pgPort()), "-U", "admin",
                "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                "-c", "\\copy copy_rows from stdin",
                "-c", "SELECT count(*) FROM copy_rows",
                "-c", "\\copy (SELECT name FROM copy_rows WHERE id > 9000 ORDER BY id) to stdout with csv",
                "hatidata"),
                Map.of("PGPASSWORD", bootstrapKey(), "PGSSLMODE", "disable"), "9001\tfrom psql\t\\N\n9002\ttab\\there\tx\n\\.\n");
        assertTrue(output, output.contains("COPY 2\n5002\nfrom psql\ntab\there\n"));
    }

    @Test
    public void nodePostgresPoolOfTenWorksWithDefaults() throws Exception {
        File node = new File("/usr/bin/node");
        Assume.assumeTrue("node is not installed", node.canExecute());
        Path work = Path.of(System.getProperty("hatidata.itest.workDir"), "node");
        Files.createDirectories(work);
        Path source = Path.of(System.getProperty("hatidata.itest.nodeDir"));
        for (String file : List.of("package.json", "package-lock.json", "pool.js")) {
            Files.copy(source.resolve(file), work.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(work.resolve("node_modules").resolve("pg"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefix", work.toString()), Map.of(), null);
        }
        String output = run(List.of(node.getPath(), work.resolve("pool.js").toString()),
                Map.of("PGPORT", Integer.toString(pgPort()), "PGPASSWORD", bootstrapKey(),
                        "NODE_PATH", work.resolve("node_modules").toString()), null);
        assertTrue(output, output.contains("\"rows\":200"));
        assertTrue(output, output.contains("\"peakConnections\":10"));
        assertTrue(output, output.contains("\"missingTable\":\"42P01\""));
    }

    @Test
    public void pgbenchRunsInSimpleExtendedAndPreparedModesAndWithConnectionChurn() throws Exception {
        Assume.assumeTrue("pgbench is not installed", PGBENCH.canExecute());
        Map<String, String> environment = Map.of("PGPASSWORD", bootstrapKey(), "PGSSLMODE", "disable");
        List<String> target = List.of("-h", "127.0.0.1", "-p", Integer.toString(pgPort()), "-U", "agent");
        List<String> init = new ArrayList<>(List.of(PGBENCH.getPath(), "-i", "-I", "dtgp", "-s", "1"));
        init.addAll(target);
        init.add("hatidata");
        String initialised = run(init, environment, null);
        assertTrue(initialised, initialised.contains("done in"));
        for (String mode : List.of("simple", "extended", "prepared")) {
            assertClean(pgbench(target, environment, "-M", mode, "-S", "-c", "4", "-j", "2", "-T", "3"));
        }
        assertClean(pgbench(target, environment, "-C", "-S", "-c", "4", "-j", "2", "-T", "3"));
    }

    @Test
    public void tenThousandConnectionsLeaveThreadsAndFileDescriptorsFlat() throws Exception {
        String key = bootstrapKey();
        cycle(key, 500); // warm up: pools, caches and lazily started threads reach their steady state
        TimeUnit.SECONDS.sleep(1);
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        long descriptorsBefore = openDescriptors();
        cycle(key, 10_000);
        TimeUnit.SECONDS.sleep(2);
        int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
        long descriptorsAfter = openDescriptors();
        assertTrue("threads " + threadsBefore + " -> " + threadsAfter, threadsAfter <= threadsBefore + 4);
        assertTrue("file descriptors " + descriptorsBefore + " -> " + descriptorsAfter,
                descriptorsAfter <= descriptorsBefore + 16);
    }

    @Test
    public void anOversizedFrameGets08P01AndOthersAreStillServed() throws Exception {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", pgPort()), 5000);
            socket.setSoTimeout(10_000);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            startup(out, in, bootstrapKey());
            out.writeByte('Q');
            out.writeInt(Integer.MAX_VALUE);
            out.flush();
            assertEquals('E', in.readByte());
            byte[] body = new byte[in.readInt() - 4];
            in.readFully(body);
            assertTrue(new String(body, StandardCharsets.UTF_8), new String(body, StandardCharsets.UTF_8).contains("C08P01"));
        }
        try (Connection connection = connect(bootstrapKey()); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT 42")) {
            assertTrue(rows.next());
            assertEquals(42, rows.getInt(1));
        }
    }

    private static String pgbench(List<String> target, Map<String, String> environment, String... options)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(PGBENCH.getPath()));
        command.addAll(List.of(options));
        command.addAll(target);
        command.add("hatidata");
        return run(command, environment, null);
    }

    private static void assertClean(String report) {
        assertTrue(report, report.contains("number of failed transactions: 0"));
        Matcher processed = Pattern.compile("number of transactions actually processed: (\\d+)").matcher(report);
        assertTrue(report, processed.find() && Long.parseLong(processed.group(1)) > 0);
    }

    /** Connects, authenticates and terminates {@code count} times with the wire protocol itself. */
    private static void cycle(String key, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            try (Socket socket = new Socket()) {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress("127.0.0.1", pgPort()), 5000);
                socket.setSoTimeout(10_000);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
                DataInputStream in = new DataInputStream(socket.getInputStream());
                startup(out, in, key);
                out.writeByte('X');
                out.writeInt(4);
                out.flush();
                assertEquals("the server closes after Terminate", -1, in.read());
            }
        }
    }

    /** StartupMessage and cleartext password, then reads up to ReadyForQuery. */
    private static void startup(DataOutputStream out, DataInputStream in, String key) throws IOException {
        byte[] parameters = "user\0agent\0database\0hatidata\0\0".getBytes(StandardCharsets.UTF_8);
        out.writeInt(8 + parameters.length);
        out.writeInt(196608);
        out.write(parameters);
        out.flush();
        expect(in, 'R');
        byte[] password = (key + "\0").getBytes(StandardCharsets.UTF_8);
        out.writeByte('p');
        out.writeInt(4 + password.length);
        out.write(password);
        out.flush();
        while (true) {
            byte type = in.readByte();
            byte[] body = new byte[in.readInt() - 4];
            in.readFully(body);
            if (type == 'E') {
                throw new IOException("authentication failed: " + new String(body, StandardCharsets.UTF_8));
            }
            if (type == 'Z') {
                return;
            }
        }
    }

    private static void expect(DataInputStream in, char type) throws IOException {
        byte actual = in.readByte();
        byte[] body = new byte[in.readInt() - 4];
        in.readFully(body);
        if (actual != type) {
            throw new IOException("expected " + type + " but got " + (char) actual + ": "
                    + new String(body, StandardCharsets.UTF_8));
        }
    }

    private static long openDescriptors() throws IOException {
        try (var entries = Files.list(Path.of("/proc/self/fd"))) {
            return entries.count();
        }
    }
}

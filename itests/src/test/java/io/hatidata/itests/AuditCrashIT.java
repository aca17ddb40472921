package io.hatidata.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.After;
import org.junit.Test;
import org.postgresql.Driver;

/**
 * The audit survives {@code kill -9}: the distribution runs as a real process (as an operator starts
 * it), four pgjdbc clients write and read while it is killed with SIGKILL, and after a restart the
 * environment's chain verifies and every statement whose result a client received has both its intent
 * and its completion record. Each statement carries a unique marker as a column alias (an identifier,
 * so it survives literal redaction).
 */
public class AuditCrashIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MARKER = Pattern.compile("\\bm_\\d+_\\d+\\b");
    private static final int CLIENTS = 4;

    private final int pgPort = freePort();
    private final int httpPort = freePort();
    private Process karaf;

    @Test
    public void everyStatementAClientGotAResultForHasBothRecordsAfterKill9() throws Exception {
        Path home = unpack();
        start(home);
        String key = Files.readString(home.resolve("data/hatidata/bootstrap-api-key")).trim();
        try (Connection connection = connect(key); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE load (v INTEGER)");
        }
        Set<String> received = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            int number = client;
            Thread thread = new Thread(() -> load(key, number, received, running), "load-" + client);
            thread.start();
            clients.add(thread);
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < until || received.size() < 50) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        killMinus9();
        running.set(false);
        for (Thread each : clients) {
            each.join(60_000);
        }
        Set<String> before = new HashSet<>(received);

        start(home);
        String environment = get("/v1/auth/me", key).get("env_id").asText();
        JsonNode verification = get("/v1/environments/" + environment + "/audit/queries/verify", key);
        assertTrue(verification.toString(), verification.get("chain_valid").asBoolean());

        Map<String, Long> intents = new HashMap<>();
        Set<Long> completed = new HashSet<>();
        for (String line : text("/v1/environments/" + environment + "/audit/queries/export?format=jsonl", key).split("\n")) {
            JsonNode entry = JSON.readTree(line);
            if ("intent".equals(entry.get("entry_type").asText())) {
                Matcher marker = MARKER.matcher(entry.get("sql_redacted").asText());
                if (marker.find()) {
                    intents.put(marker.group(), entry.get("seq").asLong());
                }
            } else {
                completed.add(entry.get("intent_seq").asLong());
            }
        }
        List<String> missing = new ArrayList<>();
        for (String each : before) {
            Long intent = intents.get(each);
            if (intent == null || !completed.contains(intent)) {
                missing.add(each + (intent == null ? " (no intent)" : " (no completion)"));
            }
        }
        System.out.println("AuditCrashIT: " + before.size() + " statements with results, " + intents.size()
                + " intents, " + verification.get("entry_count").asLong() + " entries after restart");
        assertTrue("statements with results but without both records: " + missing, missing.isEmpty());
        assertTrue("the load ran " + before.size() + " statements", before.size() >= 50);
    }

    /** Alternates writes and reads, each with a unique marker, until the server dies or the test stops it. */
    private void load(String key, int client, Set<String> received, AtomicBoolean running) {
        try (Connection connection = connect(key); Statement statement = connection.createStatement()) {
            for (int i = 0; running.get(); i++) {
                String marker = "m_" + client + "_" + i;
                if (i % 2 == 0) {
                    statement.executeUpdate("INSERT INTO load SELECT " + i + " AS " + marker);
                } else {
                    try (ResultSet rows = statement.executeQuery("SELECT count(*) AS " + marker + " FROM load")) {
                        while (rows.next()) {
                            rows.getLong(1);
                        }
                    }
                }
                received.add(marker);
            }
        } catch (Exception expected) {
            // the server was killed
        }
    }

    private Path unpack() throws Exception {
        Path target = Path.of("target", "crash").toAbsolutePath();
        Programs.run(List.of("rm", "-rf", target.toString()), Map.of(), "");
        Files.createDirectories(target);
        Programs.run(List.of("tar", "xzf", System.getProperty("hatidata.distribution"), "-C", target.toString()),
                Map.of(), "");
        Path home;
        try (var entries = Files.list(target)) {
            home = entries.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        set(home, "io.hatidata.wire.pg.cfg", "port", Integer.toString(pgPort));
        set(home, "org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(httpPort));
        set(home, "org.apache.karaf.shell.cfg", "sshPort", Integer.toString(freePort()));
        set(home, "org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(freePort()));
        set(home, "org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(freePort()));
        set(home, "io.hatidata.rest.cfg", "rateLimitsEnabled", "false");
        return home;
    }

    private static void set(Path home, String file, String key, String value) throws IOException {
        Path cfg = home.resolve("etc").resolve(file);
        List<String> lines = Files.exists(cfg) ? new ArrayList<>(Files.readAllLines(cfg)) : new ArrayList<>();
        lines.removeIf(line -> line.matches("\\s*" + Pattern.quote(key) + "\\s*[=:].*"));
        lines.add(key + " = " + value);
        Files.write(cfg, lines);
    }

    private void start(Path home) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("console.log").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("HATIDATA_DATA_DIR");
        karaf = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (!(listening(pgPort) && listening(httpPort) && Files.exists(home.resolve("data/hatidata/bootstrap-api-key"))
                && auditReady(home))) {
            assertTrue("the distribution did not start; see " + home.resolve("console.log"),
                    System.nanoTime() < deadline && karaf.isAlive());
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    /** The audit service answers (REST is up with the audit bundle bound). */
    private boolean auditReady(Path home) {
        try {
            String key = Files.readString(home.resolve("data/hatidata/bootstrap-api-key")).trim();
            return status("/v1/audit/signing-key", key) == 200;
        } catch (IOException ex) {
            return false;
        }
    }

    private void killMinus9() throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(karaf.descendants().toList());
        all.add(karaf.toHandle());
        for (ProcessHandle each : all) {
            each.destroyForcibly(); // SIGKILL on Unix
        }
        for (ProcessHandle each : all) {
            each.onExit().join();
        }
    }

    @After
    public void stop() throws InterruptedException {
        if (karaf != null && karaf.isAlive()) {
            killMinus9();
        }
    }

    private Connection connect(String key) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", "admin");
        properties.setProperty("password", key);
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "60");
        return new Driver().connect("jdbc:postgresql://127.0.0.1:" + pgPort + "/hatidata", properties);
    }

    private JsonNode get(String path, String key) throws IOException {
        return JSON.readTree(text(path, key));
    }

    private String text(String path, String key) throws IOException {
        HttpURLConnection http = open(path, key);
        try (InputStream in = http.getResponseCode() >= 400 ? http.getErrorStream() : http.getInputStream()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(body, 200, http.getResponseCode());
            return body;
        } finally {
            http.disconnect();
        }
    }

    private int status(String path, String key) throws IOException {
        HttpURLConnection http = open(path, key);
        try {
            return http.getResponseCode();
        } finally {
            http.disconnect();
        }
    }

    private HttpURLConnection open(String path, String key) throws IOException {
        HttpURLConnection http = (HttpURLConnection) new URL("http://127.0.0.1:" + httpPort + path).openConnection();
        http.setRequestProperty("X-API-Key", key);
        http.setConnectTimeout(5_000);
        http.setReadTimeout(60_000);
        return http;
    }

    private static boolean listening(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException ex) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new IllegalStateException("no free port", ex);
        }
    }

}

package io.hatidata.itests;

import static io.hatidata.itests.RestClient.apiKey;
import static io.hatidata.itests.RestClient.call;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hatidata.api.webhooks.WebhookVerifier;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.After;
import org.junit.Test;

/**
 * {@code kill -9} with webhook deliveries pending: the distribution runs as a real process (unpacked from
 * the built tar.gz, as an operator runs it), its receiver accepts connections but never answers (so
 * attempts are in flight) while keys are created, the process is killed with SIGKILL, the receiver comes
 * up, the distribution is started again, and every event arrives: as many distinct event ids as keys
 * were created, each signed. Pax Exam is not used because killing its container would end the test.
 */
public class WebhooksCrashIT {
    private static final int KEYS = 5;
    private Process karaf;
    private Path home;

    @After
    public void killKaraf() {
        kill();
    }

    @Test
    public void deliveriesPendingWhenTheProcessIsKilledArriveAfterTheRestartAndNoneIsLost() throws Exception {
        home = unpack();
        int http = freePort();
        int pg = freePort();
        int receiverPort = freePort();
        configure(home, freePort(), freePort(), freePort());
        System.setProperty("hatidata.itest.httpPort", Integer.toString(http));

        String secret;
        List<String> keyIds = new ArrayList<>();
        try (BlackHole hanging = new BlackHole(receiverPort)) {
            start(http, pg, "first");
            String owner = Files.readString(home.resolve("data/hatidata/bootstrap-api-key"), StandardCharsets.UTF_8).trim();
            JsonNode me = call("GET", "/v1/auth/me", apiKey(owner), null).body();
            JsonNode hook = call("POST", "/v1/organizations/" + me.get("org_id").asText() + "/webhooks", apiKey(owner),
                    "{\"url\":\"http://127.0.0.1:" + receiverPort + "/hook\",\"events\":[\"key.created\"]}").body();
            secret = hook.get("signing_secret").asText();
            for (int i = 0; i < KEYS; i++) {
                Reply created = new Reply(call("POST", "/v1/environments/" + me.get("env_id").asText() + "/api-keys",
                        apiKey(owner), "{\"name\":\"crash-" + i + "\"}"));
                keyIds.add(created.body.get("key_id").asText());
            }
            await("an attempt in flight", () -> hanging.accepted.size() >= 1, 60);
            kill();
        }
        try (WebhookReceiver receiver = new WebhookReceiver(receiverPort)) {
            start(http, pg, "second");
            await("every key's event", () -> keyIds.stream().allMatch(
                    id -> !receiver.matching(each -> each.text().contains("\"key_id\":\"" + id + "\"")).isEmpty()), 180);
            Set<String> eventIds = new HashSet<>();
            WebhookVerifier verifier = new WebhookVerifier(secret);
            for (WebhookReceiver.Received each : receiver.received) {
                verifier.verify(each.headers(), each.body());
                eventIds.add(each.header("X-HatiData-Event-Id"));
            }
            assertEquals(receiver.received.stream().map(WebhookReceiver.Received::text).toList().toString(),
                    KEYS, eventIds.size());
            // the attempt that hung when the process died was counted, and retried after its lease
            assertTrue(receiver.received.stream().anyMatch(
                    each -> Integer.parseInt(each.header("X-HatiData-Delivery-Attempt")) >= 2));
        }
    }

    /** An answer; fails unless 201. */
    private record Reply(JsonNode body) {
        Reply(RestClient.Reply reply) {
            this(reply.body());
            assertEquals(reply.toString(), 201, reply.status());
        }
    }

    private Path unpack() throws Exception {
        Path target = Path.of("target", "crash-it").toAbsolutePath();
        Programs.run(List.of("rm", "-rf", target.toString()), Map.of(), null);
        Files.createDirectories(target);
        Programs.run(List.of("tar", "-xzf", System.getProperty("hatidata.distribution"), "-C", target.toString()), Map.of(), null);
        try (var entries = Files.list(target)) {
            return entries.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    /** Free SSH and JMX ports, seconds instead of minutes for retries and leases, no remote Maven lookups. */
    private static void configure(Path home, int ssh, int rmiRegistry, int rmiServer) throws IOException {
        set(home, "org.apache.karaf.shell.cfg", "sshPort", Integer.toString(ssh));
        set(home, "org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(rmiRegistry));
        set(home, "org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(rmiServer));
        set(home, "org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", "");
        set(home, "io.hatidata.webhooks.cfg", "retryScheduleSeconds", "2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2");
        set(home, "io.hatidata.webhooks.cfg", "requestTimeoutSeconds", "5");
        set(home, "io.hatidata.webhooks.cfg", "leaseSeconds", "10");
        set(home, "io.hatidata.webhooks.cfg", "pollIntervalMs", "200");
        set(home, "io.hatidata.webhooks.cfg", "disableAfterFailures", "0");
        set(home, "io.hatidata.rest.cfg", "rateLimitsEnabled", "false");
    }

    /** Replaces {@code key = …} in etc/{@code file}, or appends it. */
    private static void set(Path home, String file, String key, String value) throws IOException {
        Path path = home.resolve("etc").resolve(file);
        List<String> lines = new ArrayList<>(Files.exists(path) ? Files.readAllLines(path) : List.of());
        boolean replaced = false;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("\\s*" + java.util.regex.Pattern.quote(key) + "\\s*[=:].*")) {
                lines.set(i, key + " = " + value);
                replaced = true;
            }
        }
        if (!replaced) {
            lines.add(key + " = " + value);
        }
        Files.write(path, lines);
    }

    private void start(int http, int pg, String name) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server");
        builder.environment().put("HATIDATA_HTTP_PORT", Integer.toString(http));
        builder.environment().put("HATIDATA_PG_PORT", Integer.toString(pg));
        builder.redirectErrorStream(true);
        builder.redirectOutput(home.resolveSibling("karaf-" + name + ".out").toFile());
        builder.directory(home.toFile());
        karaf = builder.start();
        Path keyFile = home.resolve("data/hatidata/bootstrap-api-key");
        await("the REST API of the " + name + " start", () -> {
            try {
                return Files.exists(keyFile) && call("GET", "/v1/auth/me",
                        apiKey(Files.readString(keyFile, StandardCharsets.UTF_8).trim()), null).status() == 200;
            } catch (IOException ex) {
                return false;
            }
        }, 300);
    }

    /** SIGKILL to the launcher script and the JVM under it. */
    private void kill() {
        if (karaf == null) {
            return;
        }
        karaf.descendants().forEach(ProcessHandle::destroyForcibly);
        karaf.destroyForcibly();
        try {
            karaf.waitFor(30, TimeUnit.SECONDS);
            karaf.descendants().forEach(each -> each.onExit().join());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        karaf = null;
    }

    private void await(String what, BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (karaf != null && !karaf.isAlive()) {
                throw new AssertionError("the distribution stopped while waiting for " + what);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + seconds + " s");
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Accepts connections on 127.0.0.1 and never answers: a receiver that hangs. */
    private static final class BlackHole implements AutoCloseable {
        final List<Socket> accepted = new CopyOnWriteArrayList<>();
        private final ServerSocket server;

        BlackHole(int port) throws IOException {
            server = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"));
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        accepted.add(server.accept());
                    } catch (IOException ex) {
                        return;
                    }
                }
            }, "black-hole");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket each : accepted) {
                each.close();
            }
        }
    }
}

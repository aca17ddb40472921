package io.hatidata.itests;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A webhook receiver on 127.0.0.1 (the JDK's HTTP server): records every request and answers 204. It can
 * be stopped and started again on the same port, to play a receiver that is down for a while.
 */
final class WebhookReceiver implements AutoCloseable {
    /** One request as received; header names ignore case. */
    record Received(Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name);
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final int port;
    private HttpServer server;

    /** Listens on a free port. */
    WebhookReceiver() throws IOException {
        this(0);
    }

    /** Listens on this port (0: a free one). */
    WebhookReceiver(int port) throws IOException {
        server = listen(port);
        this.port = server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    int port() {
        return port;
    }

    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    synchronized void start() throws IOException {
        if (server == null) {
            server = listen(port);
        }
    }

    /** Waits (at most {@code seconds}) until a received request matches; returns it. */
    Received await(Predicate<Received> matching, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            for (Received each : received) {
                if (matching.test(each)) {
                    return each;
                }
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("no matching webhook arrived within " + seconds + " s; received: "
                + received.stream().map(Received::text).toList());
    }

    /** The requests that match. */
    List<Received> matching(Predicate<Received> matching) {
        return received.stream().filter(matching).toList();
    }

    @Override
    public void close() {
        stop();
    }

    private HttpServer listen(int on) throws IOException {
        HttpServer result = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), on), 32);
        result.createContext("/hook", exchange -> {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            try (InputStream in = exchange.getRequestBody()) {
                received.add(new Received(headers, in.readAllBytes()));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        result.start();
        return result;
    }
}

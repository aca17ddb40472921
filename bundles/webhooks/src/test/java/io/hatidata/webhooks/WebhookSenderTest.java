package io.hatidata.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One attempt against real sockets on loopback. */
class WebhookSenderTest {
    private final WebhookSender sender = new WebhookSender(Duration.ofSeconds(1));

    @Test
    void a2xxAnswerSucceedsAndOthersFailWithTheStatus() throws Exception {
        try (TestReceiver receiver = new TestReceiver()) {
            AttemptResult ok = sender.send(URI.create(receiver.url()), Map.of("X-HatiData-Event-Id", "evt_1"), "{}");
            assertTrue(ok.succeeded());
            assertEquals(200, ok.statusCode());
            assertNull(ok.error());
            assertEquals("evt_1", receiver.received.get(0).headers().get("X-HatiData-Event-Id"));
            assertEquals("HatiData-Webhooks/1.0", receiver.received.get(0).headers().get("User-Agent"));
            receiver.status.set(302);
            AttemptResult redirected = sender.send(URI.create(receiver.url()), Map.of(), "{}");
            assertFalse(redirected.succeeded());
            assertEquals("the receiver answered HTTP 302", redirected.error());
        }
    }

    @Test
    void aReceiverThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket hanging = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket ignored = hanging.accept()) {
                    Thread.sleep(5_000);
                } catch (Exception ex) {
                    // closed by the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            AttemptResult result = sender.send(URI.create("http://127.0.0.1:" + hanging.getLocalPort() + "/hook"), Map.of(), "{}");
            assertNull(result.statusCode());
            assertEquals("no answer within 1 s", result.error());
        }
    }

    @Test
    void aClosedPortIsAConnectionFailure() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        AttemptResult result = sender.send(URI.create("http://127.0.0.1:" + port + "/hook"), Map.of(), "{}");
        assertNull(result.statusCode());
        assertTrue(result.error().startsWith("connection failed: ConnectException"), result.error());
    }
}

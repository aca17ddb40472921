package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Set;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real server on an ephemeral loopback port, driven by a plain socket speaking the protocol. */
class PgServerRuntimeTest {
    private final FakeAuthenticator authenticator = new FakeAuthenticator();
    private final FakePipeline pipeline = new FakePipeline();
    @TempDir
    Path data;
    private PgServerRuntime runtime;

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private PgServerRuntime start(int port) {
        PgSettings settings = new PgSettings(port, "127.0.0.1", Set.of("hatidata"), 8, 10000, 1 << 20, 2, 4, 60);
        return PgServerRuntime.start(settings, () -> authenticator, () -> pipeline);
    }

    @Test
    void answersAQueryOverTcpAndStreamsALargeResult() throws IOException {
        runtime = start(0);
        try (Socket socket = new Socket("127.0.0.1", runtime.localAddress().getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            send(out, ClientMessages.sslRequest());
            assertEquals('N', in.readByte());
            send(out, ClientMessages.startup("user", "hatidata"));
            assertEquals('R', readUntil(in, 'R'));
            send(out, ClientMessages.password(FakeAuthenticator.GOOD_KEY));
            readUntil(in, 'Z');

            send(out, ClientMessages.query("select"));
            assertEquals("TDDCZ", readTypesUntilReady(in));

            send(out, ClientMessages.query("rows 20000"));
            String types = readTypesUntilReady(in);
            assertEquals(20_003, types.length(), "RowDescription, 20000 DataRows, CommandComplete, ReadyForQuery");
            assertEquals("C", types.substring(types.length() - 2, types.length() - 1));

            send(out, ClientMessages.terminate());
            assertEquals(-1, in.read(), "the server closed the connection");
        }
    }

    @Test
    void sslRequestThenTls13HandshakeThenStartupOverTls() throws Exception {
        runtime = PgServerRuntime.start(TestTls.serverSettings(TestTls.selfSigned(data, true)),
                () -> authenticator, () -> pipeline);
        int port = runtime.localAddress().getPort();
        try (Socket plain = new Socket("127.0.0.1", port)) {
            plain.setSoTimeout(30_000);
            send(plain.getOutputStream(), ClientMessages.sslRequest());
            assertEquals('S', plain.getInputStream().read());
            SSLSocket tls = (SSLSocket) TestTls.trustAllClient().getSocketFactory()
                    .createSocket(plain, "localhost", port, true);
            tls.setEnabledProtocols(new String[] {"TLSv1.3"});
            tls.startHandshake();
            assertEquals("TLSv1.3", tls.getSession().getProtocol());

            OutputStream out = tls.getOutputStream();
            DataInputStream in = new DataInputStream(tls.getInputStream());
            send(out, ClientMessages.startup("user", "hatidata"));
            assertEquals('R', in.readByte());
            assertEquals(8, in.readInt());
            assertEquals(3, in.readInt(), "AuthenticationCleartextPassword, inside TLS");
            send(out, ClientMessages.password(FakeAuthenticator.GOOD_KEY));
            readUntil(in, 'Z');
            send(out, ClientMessages.query("select"));
            assertEquals("TDDCZ", readTypesUntilReady(in));
        }
    }

    @Test
    void tlsRequiredRefusesPlaintextOverTcp() throws IOException {
        runtime = PgServerRuntime.start(TestTls.serverSettings(TestTls.selfSigned(data, true)),
                () -> authenticator, () -> pipeline);
        try (Socket socket = new Socket("127.0.0.1", runtime.localAddress().getPort())) {
            socket.setSoTimeout(30_000);
            send(socket.getOutputStream(), ClientMessages.startup("user", "hatidata"));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertEquals('E', in.readByte());
            byte[] body = new byte[in.readInt() - 4];
            in.readFully(body);
            String fields = new String(body, java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(fields.contains("C28000") && fields.contains("TLS is required"), fields);
            assertEquals(-1, in.read(), "the server closed the connection");
        }
    }

    @Test
    void aFailedHandshakeClosesTheConnection() throws IOException {
        runtime = PgServerRuntime.start(TestTls.serverSettings(TestTls.selfSigned(data, false)),
                () -> authenticator, () -> pipeline);
        try (Socket socket = new Socket("127.0.0.1", runtime.localAddress().getPort())) {
            socket.setSoTimeout(30_000);
            send(socket.getOutputStream(), ClientMessages.sslRequest());
            assertEquals('S', socket.getInputStream().read());
            socket.getOutputStream().write("this is no ClientHello, just text\r\n".getBytes());
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            while (in.read() != -1) {
                // a TLS alert may come before the close
            }
        }
    }

    @Test
    void bindFailureReleasesEverything() throws Exception {
        runtime = start(0);
        int taken = runtime.localAddress().getPort();
        assertThrows(IllegalStateException.class, () -> start(taken));
        runtime.close();
        runtime.close();
        // threads of earlier tests in this JVM may still be winding down: wait (bounded) for all to end
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        java.util.List<String> alive = serverThreads();
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            alive = serverThreads();
        }
        assertTrue(alive.isEmpty(), "no server thread outlives close: " + alive);
    }

    @Test
    void changedPortRebindsWithoutDroppingConnections() throws IOException {
        runtime = start(0);
        int before = runtime.localAddress().getPort();
        try (Socket socket = new Socket("127.0.0.1", before)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            send(out, ClientMessages.sslRequest());
            assertEquals('N', in.readByte(), "the connection is accepted");

            int freePort;
            try (ServerSocket probe = new ServerSocket(0)) {
                freePort = probe.getLocalPort();
            }
            runtime.reconfigure(new PgSettings(freePort, "127.0.0.1", Set.of("hatidata"), 8, 10000, 1 << 20, 2, 4, 60));
            assertEquals(freePort, runtime.localAddress().getPort());

            send(out, ClientMessages.startup("user", "hatidata"));
            assertEquals('R', readUntil(in, 'R'), "the connection made before the rebind still works");
        }
        try (Socket socket = new Socket("127.0.0.1", runtime.localAddress().getPort())) {
            assertTrue(socket.isConnected());
        }
        assertOldPortClosed(before);
    }

    /**
     * Nothing listens on the port any more. A connect to a closed port in the ephemeral range can still
     * succeed on Linux when the kernel happens to pick that same port as the local one (a TCP self-connect,
     * seen once in CI): only that case is accepted.
     */
    private static void assertOldPortClosed(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            assertEquals(port, socket.getLocalPort(), "the old port is closed, yet something accepted a connection");
        } catch (IOException expected) {
            // refused: closed
        }
    }

    private static void send(OutputStream out, ByteBuf frame) throws IOException {
        try {
            byte[] bytes = new byte[frame.readableBytes()];
            frame.readBytes(bytes);
            out.write(bytes);
            out.flush();
        } finally {
            frame.release();
        }
    }

    /** Reads messages until one of the type; returns it. */
    private static char readUntil(DataInputStream in, char type) throws IOException {
        while (true) {
            char actual = (char) in.readByte();
            int length = in.readInt();
            in.skipNBytes(length - 4);
            if (actual == type) {
                return actual;
            }
            if (actual == 'E') {
                throw new AssertionError("unexpected ErrorResponse");
            }
        }
    }

    private static String readTypesUntilReady(DataInputStream in) throws IOException {
        StringBuilder result = new StringBuilder();
        char type;
        do {
            type = (char) in.readByte();
            int length = in.readInt();
            in.skipNBytes(length - 4);
            result.append(type);
        } while (type != 'Z');
        return result.toString();
    }

    private static java.util.List<String> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("hatidata-pg-")).toList();
    }
}

package io.hatidata.wire.pg;

import static io.hatidata.wire.pg.BackendMessageReader.drain;
import static io.hatidata.wire.pg.BackendMessageReader.drainBytes;
import static io.hatidata.wire.pg.BackendMessageReader.types;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.wire.pg.BackendMessageReader.Message;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Startup, authentication and dispatch, byte for byte, on an {@link EmbeddedChannel}. */
class PgConnectionHandlerTest {
    private final TestConnections connections = new TestConnections();
    private EmbeddedChannel channel;

    @AfterEach
    void releaseEverything() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void sslRequestIsRefusedWithN() {
        channel = connections.open();
        ByteBuf request = ClientMessages.sslRequest();
        channel.writeInbound(request);
        assertEquals(0, request.refCnt(), "the decoder released the inbound buffer");
        assertArrayEquals(new byte[] {'N'}, drainBytes(channel));
        assertTrue(channel.isActive(), "the client continues with its StartupMessage");

        channel.writeInbound(ClientMessages.startup("user", "agent", "database", "hatidata"));
        assertEquals("R", types(drain(channel)));
    }

    @Test
    void gssEncRequestIsRefusedWithN() {
        channel = connections.open();
        channel.writeInbound(ClientMessages.gssEncRequest());
        assertArrayEquals(new byte[] {'N'}, drainBytes(channel));
        assertTrue(channel.isActive());
    }

    @Test
    void startupAsksForACleartextPassword() {
        channel = connections.open();
        channel.writeInbound(ClientMessages.startup("user", "agent", "database", "hatidata"));
        List<Message> messages = drain(channel);
        assertEquals("R", types(messages));
        assertEquals(3, messages.get(0).int32(), "AuthenticationCleartextPassword");
    }

    @Test
    void correctKeyCompletesStartup() {
        channel = connections.open();
        channel.writeInbound(ClientMessages.startup("user", "agent", "database", "main", "application_name", "psql"));
        drain(channel);
        channel.writeInbound(ClientMessages.password(FakeAuthenticator.GOOD_KEY));
        List<Message> messages = drain(channel);

        assertEquals("RSSSSSSSSSSSKZ", types(messages));
        assertEquals(0, messages.get(0).int32(), "AuthenticationOk");
        Map<String, String> parameters = messages.stream()
                .filter(each -> each.type() == 'S')
                .map(Message::parameter)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals("15.0", parameters.get("server_version"));
        assertEquals("UTF8", parameters.get("client_encoding"));
        assertEquals("on", parameters.get("standard_conforming_strings"));
        assertEquals("ISO, MDY", parameters.get("DateStyle"));
        assertEquals("agent", parameters.get("session_authorization"));
        assertEquals("psql", parameters.get("application_name"));
        assertEquals(8, messages.get(12).body().length, "BackendKeyData: process id and secret");
        assertEquals("I", new String(messages.get(13).body()), "ReadyForQuery idle");

        assertEquals(1, connections.authenticator.asked.size());
        assertEquals("agent", connections.authenticator.asked.get(0).userName());
        assertEquals("main", connections.authenticator.asked.get(0).database());
        assertEquals(1, connections.context.backendKeys().size());
    }

    @Test
    void wrongKeyIsFatal28P01AndCloses() {
        channel = connections.open();
        channel.writeInbound(ClientMessages.startup("user", "agent", "database", "hatidata"));
        drain(channel);
        channel.writeInbound(ClientMessages.password("hd_wrong"));
        List<Message> messages = drain(channel);

        assertEquals("E", types(messages));
        Map<Character, String> fields = messages.get(0).fields();
        assertEquals("FATAL", fields.get('S'));
        assertEquals("FATAL", fields.get('V'));
        assertEquals("28P01", fields.get('C'));
        assertEquals("password authentication failed for user \"agent\"", fields.get('M'));
        assertFalse(channel.isActive());
    }

    @Test
    void anUnreachableControlPlaneIs57P03NotAWrongPassword() {
        channel = connections.open();
        channel.writeInbound(ClientMessages.startup("user", "agent\nforged log line", "database", "hatidata"));
        drain(channel);
        channel.writeInbound(ClientMessages.password(FakeAuthenticator.UNAVAILABLE_KEY));
        List<Message> messages = drain(channel);

        assertEquals("E", types(messages));
        assertEquals("57P03", messages.get(0).fields().get('C'));
        assertFalse(channel.isActive());
        assertEquals("agent?forged log line", PasswordMessageHandler.printable("agent\nforged log line"));
    }

    @Test
    void missingDatabaseDefaultsToTheUserName() {
        channel = connections.open();
        channel.writeInbound(ClientMessages.startup("user", "hatidata"));
        assertEquals("R", types(drain(channel)));

        EmbeddedChannel other = connections.open();
        other.writeInbound(ClientMessages.startup("user", "agent"));
        Map<Character, String> fields = drain(other).get(0).fields();
        assertEquals("3D000", fields.get('C'));
        assertEquals("database \"agent\" does not exist", fields.get('M'));
        assertFalse(other.isActive());
        other.finishAndReleaseAll();
    }

    @Test
    void missingUserIsFatal28000() {
        channel = connections.open();
        channel.writeInbound(ClientMessages.startup("database", "hatidata"));
        Map<Character, String> fields = drain(channel).get(0).fields();
        assertEquals("FATAL", fields.get('S'));
        assertEquals("28000", fields.get('C'));
        assertFalse(channel.isActive());
    }

    @Test
    void tooManyConnectionsIsFatal53300AfterStartup() {
        TestConnections limited = new TestConnections(Runnable::run, TestConnections.settings(1));
        EmbeddedChannel first = limited.open();
        channel = limited.open();
        assertEquals(0, drainBytes(channel).length, "nothing is said before the startup packet");
        channel.writeInbound(ClientMessages.startup("user", "agent", "database", "hatidata"));
        Map<Character, String> fields = drain(channel).get(0).fields();
        assertEquals("53300", fields.get('C'));
        assertEquals("sorry, too many clients already", fields.get('M'));
        assertFalse(channel.isActive());
        assertTrue(first.isActive());
        first.finishAndReleaseAll();
        assertEquals(0, limited.context.openConnections());
    }

    @Test
    void queryBeforeAuthenticationIsFatal08P01() {
        channel = connections.open();
        channel.writeInbound(ClientMessages.startup("user", "agent", "database", "hatidata"));
        drain(channel);
        channel.writeInbound(ClientMessages.query("select"));
        Map<Character, String> fields = drain(channel).get(0).fields();
        assertEquals("FATAL", fields.get('S'));
        assertEquals("08P01", fields.get('C'));
        assertFalse(channel.isActive());
        assertTrue(connections.pipeline.executed.isEmpty());
    }

    @Test
    void unknownMessageTypeIsFatal08P01() {
        channel = connections.openAuthenticated();
        channel.writeInbound(ClientMessages.typed('y', io.netty.buffer.Unpooled.EMPTY_BUFFER));
        Map<Character, String> fields = drain(channel).get(0).fields();
        assertEquals("08P01", fields.get('C'));
        assertEquals("invalid frontend message type y", fields.get('M'));
        assertFalse(channel.isActive());
    }

    @Test
    void cancelRequestClosesWithoutAnswer() {
        channel = connections.open();
        channel.writeInbound(ClientMessages.cancelRequest(1, 42));
        assertEquals(0, drainBytes(channel).length);
        assertFalse(channel.isActive());
    }

    @Test
    void terminateCloses() {
        channel = connections.openAuthenticated();
        channel.writeInbound(ClientMessages.terminate());
        assertEquals(0, drainBytes(channel).length);
        assertFalse(channel.isActive());
    }

    @Test
    void closingTheConnectionClosesTheSessionAndForgetsTheKey() {
        channel = connections.openAuthenticated();
        channel.writeInbound(ClientMessages.query("select"));
        drain(channel);
        assertFalse(connections.pipeline.sessionResourceClosed.get());
        channel.close();
        channel.runPendingTasks();
        assertTrue(connections.pipeline.sessionResourceClosed.get());
        assertEquals(0, connections.context.backendKeys().size());
        assertEquals(0, connections.context.openConnections());
    }

    @Test
    void slowAuthenticationIsClosedAtTheDeadline() {
        channel = connections.open();
        channel.writeInbound(ClientMessages.startup("user", "agent", "database", "hatidata"));
        drain(channel);
        channel.advanceTimeBy(61, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        Map<Character, String> fields = drain(channel).get(0).fields();
        assertEquals("FATAL", fields.get('S'));
        assertEquals("57014", fields.get('C'));
        assertFalse(channel.isActive());
    }

    @Test
    void authenticatedConnectionOutlivesTheDeadline() {
        channel = connections.openAuthenticated();
        channel.advanceTimeBy(61, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertTrue(channel.isActive());
    }

    @Test
    void protocolViolationFromTheDecoderIsFatal() {
        channel = connections.openAuthenticated();
        channel.writeInbound(ClientMessages.header('Q', 1 << 21));
        Map<Character, String> fields = drain(channel).get(0).fields();
        assertEquals("FATAL", fields.get('S'));
        assertEquals("08P01", fields.get('C'));
        assertFalse(channel.isActive());
    }

    @Test
    void aNewerMinorProtocolAndProtocolOptionsAreAnsweredWithNegotiateProtocolVersion() {
        channel = connections.open();
        channel.writeInbound(ClientMessages.startupWithCode((3 << 16) | 2, "user", "agent", "database", "hatidata",
                "_pq_.test_option", "on"));
        List<Message> messages = drain(channel);
        assertEquals("vR", types(messages));
        java.nio.ByteBuffer body = java.nio.ByteBuffer.wrap(messages.get(0).body());
        assertEquals(0, body.getInt(), "the newest minor version this server speaks");
        assertEquals(1, body.getInt(), "one unrecognized option");
        assertEquals("_pq_.test_option\0", new String(messages.get(0).body(), 8, body.remaining(),
                java.nio.charset.StandardCharsets.UTF_8));
        channel.writeInbound(ClientMessages.password(FakeAuthenticator.GOOD_KEY));
        String types = types(drain(channel));
        assertEquals('Z', types.charAt(types.length() - 1), "the client carries on with 3.0: " + types);
    }
}

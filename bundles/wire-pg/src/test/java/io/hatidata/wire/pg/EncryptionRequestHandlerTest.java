package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.query.SqlState;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandler;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SSLRequest and GSSENCRequest on the real decoder and handler, and {@code tlsRequired}. */
class EncryptionRequestHandlerTest {
    @TempDir
    Path data;

    private TestConnections connections(boolean required) {
        TlsSettings tls = TestTls.selfSigned(data, required);
        TestConnections result = new TestConnections(Runnable::run, TestTls.serverSettings(tls));
        result.context.sslContext(ServerSslContexts.create(tls, Map.of()));
        return result;
    }

    @Test
    void sslRequestIsAcceptedAndTlsGoesInFrontOfTheDecoder() {
        EmbeddedChannel channel = connections(false).open();
        channel.writeInbound(ClientMessages.sslRequest());
        assertArrayEquals(new byte[] {'S'}, BackendMessageReader.drainBytes(channel));
        List<String> names = channel.pipeline().names();
        assertEquals(List.of(EncryptionRequestHandler.TLS_HANDLER, PgChannelInitializer.FRAME_DECODER,
                PgChannelInitializer.CONNECTION_HANDLER), names.subList(0, 3));
        assertInstanceOf(SslHandler.class, channel.pipeline().get(EncryptionRequestHandler.TLS_HANDLER));
        assertTrue(EncryptionRequestHandler.encrypted(channel));
        channel.finishAndReleaseAll();
    }

    @Test
    void plaintextAfterTheSslRequestIsAProtocolViolation() {
        EmbeddedChannel channel = connections(false).open();
        channel.writeInbound(ClientMessages.concat(
                ClientMessages.sslRequest(), ClientMessages.startup("user", "agent", "database", "hatidata")));
        List<BackendMessageReader.Message> messages = BackendMessageReader.drain(channel);
        assertEquals("E", BackendMessageReader.types(messages));
        assertEquals(SqlState.PROTOCOL_VIOLATION, messages.get(0).fields().get('C'));
        assertEquals("received unencrypted data after SSL request", messages.get(0).fields().get('M'));
        assertFalse(EncryptionRequestHandler.encrypted(channel));
        assertFalse(channel.isActive(), "the connection is closed");
        channel.finishAndReleaseAll();
    }

    @Test
    void gssEncRequestIsStillRefused() {
        EmbeddedChannel channel = connections(false).open();
        channel.writeInbound(ClientMessages.gssEncRequest());
        assertArrayEquals(new byte[] {'N'}, BackendMessageReader.drainBytes(channel));
        assertFalse(EncryptionRequestHandler.encrypted(channel));
        channel.finishAndReleaseAll();
    }

    @Test
    void withoutTlsSslRequestIsRefusedAndPlaintextWorks() {
        EmbeddedChannel channel = new TestConnections().open();
        channel.writeInbound(ClientMessages.sslRequest());
        assertArrayEquals(new byte[] {'N'}, BackendMessageReader.drainBytes(channel));
        channel.writeInbound(ClientMessages.startup("user", "agent", "database", "hatidata"));
        assertEquals("R", BackendMessageReader.types(BackendMessageReader.drain(channel)));
        channel.finishAndReleaseAll();
    }

    @Test
    void tlsRequiredRefusesAPlaintextStartup() {
        EmbeddedChannel channel = connections(true).open();
        channel.writeInbound(ClientMessages.startup("user", "agent", "database", "hatidata"));
        List<BackendMessageReader.Message> messages = BackendMessageReader.drain(channel);
        assertEquals("E", BackendMessageReader.types(messages));
        assertEquals("FATAL", messages.get(0).fields().get('S'));
        assertEquals(SqlState.INVALID_AUTHORIZATION, messages.get(0).fields().get('C'));
        assertEquals("TLS is required: connect with sslmode=require", messages.get(0).fields().get('M'));
        assertFalse(channel.isActive(), "the connection is closed");
        channel.finishAndReleaseAll();
    }

    @Test
    void tlsRequiredRefusesAPlaintextStartupAfterGssEncRequest() {
        EmbeddedChannel channel = connections(true).open();
        channel.writeInbound(ClientMessages.gssEncRequest());
        channel.writeInbound(ClientMessages.startup("user", "agent", "database", "hatidata"));
        byte[] bytes = BackendMessageReader.drainBytes(channel);
        assertEquals('N', bytes[0]);
        assertEquals(SqlState.INVALID_AUTHORIZATION, BackendMessageReader.parse(
                java.util.Arrays.copyOfRange(bytes, 1, bytes.length)).get(0).fields().get('C'));
        assertFalse(channel.isActive());
        channel.finishAndReleaseAll();
    }
}

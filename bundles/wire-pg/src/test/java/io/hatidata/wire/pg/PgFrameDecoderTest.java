package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Framing alone: the decoder on an {@link EmbeddedChannel} without the handler. */
class PgFrameDecoderTest {
    private final PgFrameDecoder decoder = new PgFrameDecoder(10000, 1000);
    private final EmbeddedChannel channel = new EmbeddedChannel(decoder);

    @AfterEach
    void releaseEverything() {
        channel.finishAndReleaseAll();
    }

    @Test
    void startupMessageMovesToTheMessagePhase() {
        channel.writeInbound(ClientMessages.startup("user", "agent", "database", "hatidata", "application_name", "psql"));
        FrontendMessage.StartupMessage message = channel.readInbound();
        assertEquals(Map.of("user", "agent", "database", "hatidata", "application_name", "psql"), message.parameters());
        assertEquals(PgFrameDecoder.Phase.MESSAGES, decoder.phase());
    }

    @Test
    void sslRequestStaysInTheStartupPhase() {
        channel.writeInbound(ClientMessages.sslRequest());
        assertInstanceOf(FrontendMessage.SslRequest.class, channel.readInbound());
        assertEquals(PgFrameDecoder.Phase.STARTUP, decoder.phase());
    }

    @Test
    void cancelRequestCarriesTheKey() {
        channel.writeInbound(ClientMessages.cancelRequest(7, -3));
        FrontendMessage.CancelRequest message = channel.readInbound();
        assertEquals(new BackendKey(7, -3), message.key());
    }

    @Test
    void partialFramesWaitForTheRest() {
        ByteBuf frames = ClientMessages.concat(
                ClientMessages.startup("user", "agent"), ClientMessages.query("select 1"), ClientMessages.terminate());
        try {
            while (frames.isReadable()) {
                channel.writeInbound(frames.readRetainedSlice(1));
            }
        } finally {
            frames.release();
        }
        assertInstanceOf(FrontendMessage.StartupMessage.class, channel.readInbound());
        assertEquals(new FrontendMessage.Query("select 1"), channel.readInbound());
        assertInstanceOf(FrontendMessage.Terminate.class, channel.readInbound());
        assertNull(channel.readInbound());
    }

    @Test
    void startupLengthThreeIsRejected() {
        assertViolation("08P01", ClientMessages.startupLength(3));
    }

    @Test
    void startupLengthOfAGigabyteIsRejectedWithoutWaitingForTheBody() {
        assertViolation("08P01", ClientMessages.startupLength(1 << 30));
    }

    @Test
    void unknownStartupCodeIsRejected() {
        assertViolation("08P01", ClientMessages.startupWithCode(12345, "user", "agent"));
    }

    @Test
    void otherProtocolVersionIsNotSupported() {
        assertViolation("0A000", ClientMessages.startupWithCode(2 << 16, "user", "agent"));
    }

    @Test
    void startupWithoutTerminatorIsRejected() {
        ByteBuf packet = ClientMessages.startup("user", "agent");
        packet.writerIndex(packet.writerIndex() - 1).setInt(0, packet.readableBytes());
        assertViolation("08P01", packet);
    }

    @Test
    void garbageIsRejected() {
        assertViolation("08P01", ClientMessages.garbage());
    }

    @Test
    void oversizedMessageIsRejected() {
        channel.writeInbound(ClientMessages.startup("user", "agent"));
        channel.readInbound();
        assertViolation("08P01", ClientMessages.header('Q', 1001));
    }

    @Test
    void negativeAndTooSmallMessageLengthsAreRejected() {
        channel.writeInbound(ClientMessages.startup("user", "agent"));
        channel.readInbound();
        assertViolation("08P01", ClientMessages.header('Q', -1));
    }

    @Test
    void tooSmallMessageLengthIsRejected() {
        channel.writeInbound(ClientMessages.startup("user", "agent"));
        channel.readInbound();
        assertViolation("08P01", ClientMessages.header('S', 3));
    }

    @Test
    void queryWithoutTerminatorIsRejected() {
        channel.writeInbound(ClientMessages.startup("user", "agent"));
        channel.readInbound();
        ByteBuf body = io.netty.buffer.Unpooled.buffer().writeBytes(new byte[] {'s', 'e', 'l'});
        assertViolation("08P01", ClientMessages.typed('Q', body));
    }

    @Test
    void extendedAndUnknownTypesAreFramed() {
        channel.writeInbound(ClientMessages.startup("user", "agent"));
        channel.readInbound();
        channel.writeInbound(ClientMessages.concat(
                ClientMessages.parse("", "select"), ClientMessages.typed('y', io.netty.buffer.Unpooled.EMPTY_BUFFER)));
        assertEquals(new FrontendMessage.Parse("", "select", java.util.List.of()), channel.readInbound());
        assertEquals(new FrontendMessage.UnknownMessage('y'), channel.readInbound());
    }

    private void assertViolation(String sqlState, ByteBuf frame) {
        PgProtocolException ex = assertThrows(PgProtocolException.class, () -> channel.writeInbound(frame));
        assertEquals(sqlState, ex.sqlState());
        assertEquals(0, frame.refCnt());
        assertEquals(PgFrameDecoder.Phase.FAILED, decoder.phase());
        channel.writeInbound(ClientMessages.query("ignored"));
        assertNull(channel.readInbound(), "after a violation everything is discarded");
    }
}

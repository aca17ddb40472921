package io.hatidata.wire.pg;

import io.hatidata.api.query.SqlState;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.function.Supplier;

/**
 * Cuts the byte stream of one connection into frames and turns each into one {@link FrontendMessage}
 * (through {@link FrontendMessageDecoder}). It only frames: it knows the two packet layouts and the size
 * limits, nothing about SQL or authentication.
 *
 * <p>A partial frame is left in the buffer (the reader index is not moved) until more bytes arrive. A
 * length outside the limits is rejected as soon as the length field is readable, without waiting for the
 * body, and moves the decoder to {@link Phase#FAILED}: it throws a {@link PgProtocolException}, which the
 * connection handler answers with a FATAL ErrorResponse before closing.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-overview.html#PROTOCOL-MESSAGE-CONCEPTS">
 *     PostgreSQL: Messaging Overview</a>
 */
final class PgFrameDecoder extends ByteToMessageDecoder {

    /** What the next bytes are expected to be. */
    enum Phase {
        /**
         * Untyped packets before the session starts: {@code int32 length} (counting itself), {@code int32
         * code}, body. An SSLRequest or GSSENCRequest stays in this phase (the client sends its
         * StartupMessage next); a StartupMessage moves on to {@link #MESSAGES}.
         */
        STARTUP,
        /** Typed messages: {@code byte1 type}, {@code int32 length} (counting itself, not the type), body. */
        MESSAGES,
        /** The stream broke the protocol; whatever still arrives is discarded until the channel closes. */
        FAILED
    }

    /** Startup frame: length and code. */
    private static final int STARTUP_HEADER_BYTES = 8;
    /** Message frame: type and length. */
    private static final int MESSAGE_HEADER_BYTES = 5;

    private final int maxStartupPacketBytes;
    private final int maxMessageBytes;
    private Phase phase = Phase.STARTUP;

    /**
     * @param maxStartupPacketBytes the largest startup packet accepted, length field included
     * @param maxMessageBytes the largest typed message accepted, length field included
     */
    PgFrameDecoder(int maxStartupPacketBytes, int maxMessageBytes) {
        this.maxStartupPacketBytes = Math.max(maxStartupPacketBytes, STARTUP_HEADER_BYTES);
        this.maxMessageBytes = Math.max(maxMessageBytes, 4);
    }

    Phase phase() {
        return phase;
    }

    /**
     * Bytes received but not decoded yet. While a decoded packet is being handled this counts what arrived
     * after it in the same read — after an SSLRequest, plaintext that must not be there.
     */
    int bufferedBytes() {
        return actualReadableBytes();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (phase) {
            case STARTUP -> decodeStartupPacket(in, out);
            case MESSAGES -> decodeMessage(in, out);
            case FAILED -> in.skipBytes(in.readableBytes());
            default -> throw new IllegalStateException("unknown phase " + phase);
        }
    }

    private void decodeStartupPacket(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 4) {
            return;
        }
        int length = in.getInt(in.readerIndex());
        if (length < STARTUP_HEADER_BYTES || length > maxStartupPacketBytes) {
            throw fail(in, new PgProtocolException(SqlState.PROTOCOL_VIOLATION, "invalid length of startup packet"));
        }
        if (in.readableBytes() < length) {
            return;
        }
        in.skipBytes(4);
        int code = in.readInt();
        FrontendMessage message = decodeOrFail(in, () -> FrontendMessageDecoder.decodeStartupPacket(
                code, in.readSlice(length - STARTUP_HEADER_BYTES)));
        if (message instanceof FrontendMessage.StartupMessage) {
            phase = Phase.MESSAGES;
        }
        out.add(message);
    }

    private void decodeMessage(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < MESSAGE_HEADER_BYTES) {
            return;
        }
        int start = in.readerIndex();
        char type = (char) in.getUnsignedByte(start);
        int length = in.getInt(start + 1);
        if (length < 4 || length > maxMessageBytes) {
            throw fail(in, new PgProtocolException(SqlState.PROTOCOL_VIOLATION, "invalid message length"));
        }
        if (in.readableBytes() < 1 + length) {
            return;
        }
        in.skipBytes(MESSAGE_HEADER_BYTES);
        out.add(decodeOrFail(in, () -> FrontendMessageDecoder.decodeMessage(type, in.readSlice(length - 4))));
    }

    private FrontendMessage decodeOrFail(ByteBuf in, Supplier<FrontendMessage> decoding) {
        try {
            return decoding.get();
        } catch (PgProtocolException ex) {
            throw fail(in, ex);
        }
    }

    /** Moves to {@link Phase#FAILED}, discarding the rest of the input so its buffer is released. */
    private PgProtocolException fail(ByteBuf in, PgProtocolException violation) {
        phase = Phase.FAILED;
        in.skipBytes(in.readableBytes());
        return violation;
    }
}

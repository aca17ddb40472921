package io.hatidata.wire.pg;

import io.hatidata.api.query.SqlState;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the body of one complete frame into its {@link FrontendMessage}. The body is a slice owned by
 * the caller's buffer; nothing here retains it. Strings are decoded as UTF-8, the only client encoding
 * this server reports.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-message-formats.html">PostgreSQL:
 *     Message Formats</a>
 */
final class FrontendMessageDecoder {
    /** Protocol version 3.0 as sent in a StartupMessage: major 3 in the high 16 bits, minor 0. */
    static final int PROTOCOL_3_0 = 196608;
    /** The code of an SSLRequest (1234 in the high 16 bits, 5679 in the low). */
    static final int SSL_REQUEST_CODE = 80877103;
    /** The code of a GSSENCRequest (1234, 5680). */
    static final int GSSENC_REQUEST_CODE = 80877104;
    /** The code of a CancelRequest (1234, 5678). */
    static final int CANCEL_REQUEST_CODE = 80877102;
    /** The major "version" that marks the special request codes above. */
    private static final int REQUEST_CODE_MAJOR = 1234;

    private FrontendMessageDecoder() {}

    /**
     * Decodes an untyped startup-phase packet.
     *
     * @param code the int32 after the length: a protocol version or a request code
     * @param body the bytes after the code
     */
    static FrontendMessage decodeStartupPacket(int code, ByteBuf body) {
        switch (code) {
            case SSL_REQUEST_CODE:
                requireEnd(body);
                return new FrontendMessage.SslRequest();
            case GSSENC_REQUEST_CODE:
                requireEnd(body);
                return new FrontendMessage.GssEncRequest();
            case CANCEL_REQUEST_CODE:
                if (body.readableBytes() != 8) {
                    throw malformed("invalid length of cancel request packet");
                }
                return new FrontendMessage.CancelRequest(new BackendKey(body.readInt(), body.readInt()));
            default:
                if (code >>> 16 == 3) {
                    // 3.x: a newer minor version is answered with NegotiateProtocolVersion, not refused
                    return new FrontendMessage.StartupMessage(readParameters(body), code & 0xFFFF);
                }
                throw unknownCode(code);
        }
    }

    /**
     * Decodes a typed message.
     *
     * @param type the type byte
     * @param body the bytes after the length field
     */
    static FrontendMessage decodeMessage(char type, ByteBuf body) {
        switch (type) {
            case 'Q':
                return new FrontendMessage.Query(readLastCString(body));
            case 'p':
                return new FrontendMessage.PasswordMessage(readLastCString(body));
            case 'S':
                requireEnd(body);
                return new FrontendMessage.Sync();
            case 'H':
                requireEnd(body);
                return new FrontendMessage.Flush();
            case 'X':
                requireEnd(body);
                return new FrontendMessage.Terminate();
            case 'P', 'B', 'D', 'E', 'C':
                return ExtendedQueryMessageDecoder.decode(type, body);
            case 'd':
                byte[] data = new byte[body.readableBytes()];
                body.readBytes(data);
                return new FrontendMessage.CopyData(data);
            case 'c':
                requireEnd(body);
                return new FrontendMessage.CopyDone();
            case 'f':
                return new FrontendMessage.CopyFail(readLastCString(body));
            default:
                return new FrontendMessage.UnknownMessage(type);
        }
    }

    /** StartupMessage parameters: name/value C-string pairs, then one zero byte. */
    private static Map<String, String> readParameters(ByteBuf body) {
        Map<String, String> result = new LinkedHashMap<>();
        while (true) {
            if (!body.isReadable()) {
                throw malformed("invalid startup packet layout: expected terminator as last byte");
            }
            String name = readCString(body);
            if (name.isEmpty()) {
                requireEnd(body);
                return result;
            }
            if (!body.isReadable()) {
                throw malformed("invalid startup packet layout: expected terminator as last byte");
            }
            result.put(name, readCString(body));
        }
    }

    /** A C-string that must fill the rest of the body. */
    private static String readLastCString(ByteBuf body) {
        String result = readCString(body);
        requireEnd(body);
        return result;
    }

    /** A zero-terminated UTF-8 string. */
    static String readCString(ByteBuf body) {
        int length = body.bytesBefore((byte) 0);
        if (length < 0) {
            throw malformed("invalid string in message");
        }
        String result = body.toString(body.readerIndex(), length, StandardCharsets.UTF_8);
        body.skipBytes(length + 1);
        return result;
    }

    static void requireEnd(ByteBuf body) {
        if (body.isReadable()) {
            throw malformed("invalid message format");
        }
    }

    private static PgProtocolException unknownCode(int code) {
        int major = code >>> 16;
        int minor = code & 0xFFFF;
        if (major == REQUEST_CODE_MAJOR) {
            return malformed("unsupported startup request code " + major + "." + minor);
        }
        if (major >= 1 && major <= 2) {
            return new PgProtocolException(SqlState.FEATURE_NOT_SUPPORTED,
                    "unsupported frontend protocol " + major + "." + minor + ": server supports 3.0 to 3.0");
        }
        return malformed("invalid startup packet: unknown code " + code);
    }

    static PgProtocolException malformed(String message) {
        return new PgProtocolException(SqlState.PROTOCOL_VIOLATION, message);
    }
}

package io.hatidata.wire.pg;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the bodies of the extended query protocol's messages — Parse, Bind, Describe, Execute and Close —
 * into their {@link FrontendMessage} records. Counts and lengths are checked against the bytes present, so
 * a malformed message is a {@code 08P01} protocol violation and never a large allocation.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-message-formats.html">PostgreSQL:
 *     Message Formats</a>
 */
final class ExtendedQueryMessageDecoder {

    private ExtendedQueryMessageDecoder() {}

    /** Decodes the body of a message of type 'P', 'B', 'D', 'E' or 'C'. */
    static FrontendMessage decode(char type, ByteBuf body) {
        try {
            FrontendMessage result = switch (type) {
                case 'P' -> parse(body);
                case 'B' -> bind(body);
                case 'D' -> new FrontendMessage.Describe(kind(body), FrontendMessageDecoder.readCString(body));
                case 'E' -> new FrontendMessage.Execute(FrontendMessageDecoder.readCString(body), body.readInt());
                case 'C' -> new FrontendMessage.Close(kind(body), FrontendMessageDecoder.readCString(body));
                default -> throw new IllegalArgumentException("not an extended query message: " + type);
            };
            FrontendMessageDecoder.requireEnd(body);
            return result;
        } catch (IndexOutOfBoundsException ex) {
            throw FrontendMessageDecoder.malformed("invalid message format");
        }
    }

    private static FrontendMessage.Parse parse(ByteBuf body) {
        String name = FrontendMessageDecoder.readCString(body);
        String sql = FrontendMessageDecoder.readCString(body);
        int count = count(body, 4);
        List<Integer> types = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            types.add(body.readInt());
        }
        return new FrontendMessage.Parse(name, sql, types);
    }

    private static FrontendMessage.Bind bind(ByteBuf body) {
        String portal = FrontendMessageDecoder.readCString(body);
        String statement = FrontendMessageDecoder.readCString(body);
        List<Short> parameterFormats = formats(body);
        int count = count(body, 4);
        List<byte[]> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = body.readInt();
            if (length < -1 || length > body.readableBytes()) {
                throw FrontendMessageDecoder.malformed("insufficient data left in message");
            }
            byte[] value = null;
            if (length >= 0) {
                value = new byte[length];
                body.readBytes(value);
            }
            values.add(value);
        }
        return new FrontendMessage.Bind(portal, statement, parameterFormats, values, formats(body));
    }

    /** Int16 count, then one Int16 format code (0 text, 1 binary) each. */
    private static List<Short> formats(ByteBuf body) {
        int count = count(body, 2);
        List<Short> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            short format = body.readShort();
            if (format != 0 && format != 1) {
                throw FrontendMessageDecoder.malformed("unsupported format code: " + format);
            }
            result.add(format);
        }
        return result;
    }

    /** An Int16 count of items at least {@code itemBytes} long each, checked against the bytes present. */
    private static int count(ByteBuf body, int itemBytes) {
        int result = body.readUnsignedShort();
        if ((long) result * itemBytes > body.readableBytes()) {
            throw FrontendMessageDecoder.malformed("insufficient data left in message");
        }
        return result;
    }

    /** Byte1 'S' (prepared statement) or 'P' (portal). */
    private static char kind(ByteBuf body) {
        char result = (char) body.readByte();
        if (result != 'S' && result != 'P') {
            throw FrontendMessageDecoder.malformed("invalid DESCRIBE or CLOSE message subtype " + result);
        }
        return result;
    }
}

package io.hatidata.wire.pg;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes frontend frames, as a PostgreSQL client would send them, into new buffers (owned by the caller,
 * usually handed to {@code EmbeddedChannel.writeInbound}). The mirror of {@link BackendMessages}.
 */
final class ClientMessages {
    static final int PROTOCOL_3_0 = 196608;

    private ClientMessages() {}

    /** SSLRequest: Int32 8, Int32 80877103. */
    static ByteBuf sslRequest() {
        return Unpooled.buffer().writeInt(8).writeInt(80877103);
    }

    /** GSSENCRequest: Int32 8, Int32 80877104. */
    static ByteBuf gssEncRequest() {
        return Unpooled.buffer().writeInt(8).writeInt(80877104);
    }

    /** CancelRequest: Int32 16, Int32 80877102, Int32 process id, Int32 secret. */
    static ByteBuf cancelRequest(int processId, int secretKey) {
        return Unpooled.buffer().writeInt(16).writeInt(80877102).writeInt(processId).writeInt(secretKey);
    }

    /** StartupMessage for protocol 3.0 with these parameters (pairs: name, value, name, value, …). */
    static ByteBuf startup(String... nameValuePairs) {
        return startupWithCode(PROTOCOL_3_0, nameValuePairs);
    }

    /** StartupMessage for user and database. */
    static ByteBuf startup(Map<String, String> parameters) {
        return startup(parameters.entrySet().stream()
                .flatMap(each -> java.util.stream.Stream.of(each.getKey(), each.getValue()))
                .toArray(String[]::new));
    }

    /** A startup packet with any code (a protocol version or request code). */
    static ByteBuf startupWithCode(int code, String... nameValuePairs) {
        ByteBuf result = Unpooled.buffer();
        result.writeInt(0).writeInt(code);
        for (String each : nameValuePairs) {
            writeCString(result, each);
        }
        result.writeByte(0);
        return result.setInt(0, result.readableBytes());
    }

    /** Just a startup length field (and a few bytes), for malformed-length tests. */
    static ByteBuf startupLength(int length) {
        return Unpooled.buffer().writeInt(length).writeInt(PROTOCOL_3_0);
    }

    /** PasswordMessage: 'p', Int32 length, String password. */
    static ByteBuf password(String password) {
        return typed('p', cString(password));
    }

    /** Query: 'Q', Int32 length, String query. */
    static ByteBuf query(String sql) {
        return typed('Q', cString(sql));
    }

    /** Parse: 'P', Int32 length, String statement name, String query, Int16 0 parameter types. */
    static ByteBuf parse(String statementName, String sql) {
        return parse(statementName, sql, new int[0]);
    }

    /** Parse with declared parameter type OIDs (0: unspecified). */
    static ByteBuf parse(String statementName, String sql, int... parameterTypes) {
        ByteBuf body = Unpooled.buffer();
        writeCString(body, statementName);
        writeCString(body, sql);
        body.writeShort(parameterTypes.length);
        for (int each : parameterTypes) {
            body.writeInt(each);
        }
        return typed('P', body);
    }

    /** Bind of the unnamed portal and statement, no parameters, no result formats. */
    static ByteBuf bind() {
        return bind("", "", new short[0], new byte[0][], new short[0]);
    }

    /** Bind of text parameters (a {@code null} element is SQL NULL), results in text. */
    static ByteBuf bindText(String portal, String statement, String... values) {
        byte[][] bytes = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = values[i] == null ? null : values[i].getBytes(StandardCharsets.UTF_8);
        }
        return bind(portal, statement, new short[0], bytes, new short[0]);
    }

    /**
     * Bind: 'B', Int32 length, String portal, String statement, Int16 format count, Int16 formats, Int16
     * value count, per value Int32 length (-1 NULL) and bytes, Int16 result format count, Int16 formats.
     */
    static ByteBuf bind(String portal, String statement, short[] parameterFormats, byte[][] values,
            short[] resultFormats) {
        ByteBuf body = Unpooled.buffer();
        writeCString(body, portal);
        writeCString(body, statement);
        body.writeShort(parameterFormats.length);
        for (short each : parameterFormats) {
            body.writeShort(each);
        }
        body.writeShort(values.length);
        for (byte[] each : values) {
            if (each == null) {
                body.writeInt(-1);
            } else {
                body.writeInt(each.length).writeBytes(each);
            }
        }
        body.writeShort(resultFormats.length);
        for (short each : resultFormats) {
            body.writeShort(each);
        }
        return typed('B', body);
    }

    /** Describe: 'D', Int32 length, Byte1 'S' or 'P', String name. */
    static ByteBuf describe(char kind, String name) {
        ByteBuf body = Unpooled.buffer().writeByte(kind);
        writeCString(body, name);
        return typed('D', body);
    }

    /** Execute of the unnamed portal, all rows. */
    static ByteBuf execute() {
        return execute("", 0);
    }

    /** Execute: 'E', Int32 length, String portal, Int32 maximum rows (0: all). */
    static ByteBuf execute(String portal, int maxRows) {
        ByteBuf body = Unpooled.buffer();
        writeCString(body, portal);
        body.writeInt(maxRows);
        return typed('E', body);
    }

    /** Close: 'C', Int32 length, Byte1 'S' or 'P', String name. */
    static ByteBuf close(char kind, String name) {
        ByteBuf body = Unpooled.buffer().writeByte(kind);
        writeCString(body, name);
        return typed('C', body);
    }

    /** Sync: 'S', Int32 4. */
    static ByteBuf sync() {
        return typed('S', Unpooled.EMPTY_BUFFER);
    }

    /** Flush: 'H', Int32 4. */
    static ByteBuf flush() {
        return typed('H', Unpooled.EMPTY_BUFFER);
    }

    /** Terminate: 'X', Int32 4. */
    static ByteBuf terminate() {
        return typed('X', Unpooled.EMPTY_BUFFER);
    }

    /** A message header with any type and length, without a body. */
    static ByteBuf header(char type, int length) {
        return Unpooled.buffer().writeByte(type).writeInt(length);
    }

    /** Any typed message with the given body (the body is released). */
    static ByteBuf typed(char type, ByteBuf body) {
        try {
            return Unpooled.buffer().writeByte(type).writeInt(4 + body.readableBytes()).writeBytes(body);
        } finally {
            body.release();
        }
    }

    /** Bytes that are no frame at all. */
    static ByteBuf garbage() {
        return Unpooled.wrappedBuffer("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Several frames as one buffer, as they arrive when a client pipelines (the parts are released). */
    static ByteBuf concat(ByteBuf... parts) {
        ByteBuf result = Unpooled.buffer();
        for (ByteBuf each : parts) {
            result.writeBytes(each);
            each.release();
        }
        return result;
    }

    private static ByteBuf cString(String value) {
        ByteBuf result = Unpooled.buffer();
        writeCString(result, value);
        return result;
    }

    private static void writeCString(ByteBuf buffer, String value) {
        buffer.writeBytes(value.getBytes(StandardCharsets.UTF_8)).writeByte(0);
    }
}

package io.hatidata.wire.pg;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what a server wrote, as a client would: drains an {@link EmbeddedChannel}'s outbound buffers
 * (releasing them) and parses typed backend messages. Test fixture.
 */
final class BackendMessageReader {

    /** One backend message: its type byte and body. */
    record Message(char type, byte[] body) {

        ByteBuf buffer() {
            return Unpooled.wrappedBuffer(body);
        }

        /** The body as Int32 (AuthenticationRequest code, for instance). */
        int int32() {
            return buffer().readInt();
        }

        /** ErrorResponse fields by code. */
        Map<Character, String> fields() {
            ByteBuf in = buffer();
            Map<Character, String> result = new LinkedHashMap<>();
            while (true) {
                byte code = in.readByte();
                if (code == 0) {
                    return result;
                }
                result.put((char) code, readCString(in));
            }
        }

        /** ParameterStatus as name and value. */
        Map.Entry<String, String> parameter() {
            ByteBuf in = buffer();
            return Map.entry(readCString(in), readCString(in));
        }

        /** A C-string body (CommandComplete). */
        String string() {
            return readCString(buffer());
        }

        /** DataRow values as text, {@code null} for NULL. */
        List<String> values() {
            ByteBuf in = buffer();
            int count = in.readShort();
            List<String> result = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int length = in.readInt();
                result.add(length < 0 ? null : in.readCharSequence(length, StandardCharsets.UTF_8).toString());
            }
            return result;
        }

        /** DataRow values as raw bytes, {@code null} for NULL. */
        List<byte[]> rawValues() {
            ByteBuf in = buffer();
            int count = in.readShort();
            List<byte[]> result = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int length = in.readInt();
                byte[] value = null;
                if (length >= 0) {
                    value = new byte[length];
                    in.readBytes(value);
                }
                result.add(value);
            }
            return result;
        }

        /** ParameterDescription type OIDs. */
        List<Integer> parameterTypes() {
            ByteBuf in = buffer();
            int count = in.readShort();
            List<Integer> result = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                result.add(in.readInt());
            }
            return result;
        }

        /** RowDescription fields as {@code name:typeOid:format}. */
        List<String> columns() {
            ByteBuf in = buffer();
            int count = in.readShort();
            List<String> result = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = readCString(in);
                in.skipBytes(6);
                int oid = in.readInt();
                in.skipBytes(6);
                result.add(name + ":" + oid + ":" + in.readShort());
            }
            return result;
        }

        /** RowDescription field names. */
        List<String> fieldNames() {
            ByteBuf in = buffer();
            int count = in.readShort();
            List<String> result = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                result.add(readCString(in));
                in.skipBytes(18);
            }
            return result;
        }

        @Override
        public String toString() {
            return "Message[" + type + ", " + body.length + " bytes]";
        }
    }

    private BackendMessageReader() {}

    /** All bytes written so far, as one array; the outbound buffers are released. */
    static byte[] drainBytes(EmbeddedChannel channel) {
        ByteBuf all = Unpooled.buffer();
        try {
            ByteBuf each;
            while ((each = channel.readOutbound()) != null) {
                all.writeBytes(each);
                each.release();
            }
            byte[] result = new byte[all.readableBytes()];
            all.readBytes(result);
            return result;
        } finally {
            all.release();
        }
    }

    /** All typed messages written so far. */
    /** Writes the frontend messages as one inbound buffer (pipelined, as drivers send them) and drains the answer. */
    static List<Message> exchange(EmbeddedChannel channel, ByteBuf... messages) {
        channel.writeInbound(ClientMessages.concat(messages));
        return drain(channel);
    }

    static List<Message> drain(EmbeddedChannel channel) {
        return parse(drainBytes(channel));
    }

    static List<Message> parse(byte[] bytes) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        List<Message> result = new ArrayList<>();
        while (in.isReadable()) {
            char type = (char) in.readByte();
            int length = in.readInt();
            byte[] body = new byte[length - 4];
            in.readBytes(body);
            result.add(new Message(type, body));
        }
        return result;
    }

    /** The type bytes of the messages, as a string such as {@code "TDDCZ"}. */
    static String types(List<Message> messages) {
        StringBuilder result = new StringBuilder();
        messages.forEach(each -> result.append(each.type()));
        return result.toString();
    }

    static String readCString(ByteBuf in) {
        int length = in.bytesBefore((byte) 0);
        String result = in.readCharSequence(length, StandardCharsets.UTF_8).toString();
        in.skipBytes(1);
        return result;
    }
}

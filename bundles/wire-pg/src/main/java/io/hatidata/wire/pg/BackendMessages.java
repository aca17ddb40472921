package io.hatidata.wire.pg;

import io.hatidata.api.query.Column;
import io.hatidata.api.query.TransactionStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The backend messages this server sends, one method each. Every method allocates a new buffer and
 * returns it; the caller owns it and passes that ownership on by writing it to the channel. A method
 * that fails half-way releases its buffer before rethrowing.
 *
 * <p>Layouts: {@code Byte1} type, {@code Int32} length counting itself but not the type, then the body.
 * Strings are UTF-8 C-strings (zero-terminated).
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-message-formats.html">PostgreSQL:
 *     Message Formats</a>
 */
final class BackendMessages {
    /** Binary format code in RowDescription and Bind. */
    private static final short BINARY_FORMAT = 1;

    private BackendMessages() {}

    /** The answer to SSLRequest that accepts TLS: the single byte {@code 'S'}; the TLS handshake follows. */
    static ByteBuf encryptionAccepted(ByteBufAllocator alloc) {
        return alloc.buffer(1).writeByte('S');
    }

    /** The answer to SSLRequest or GSSENCRequest that refuses encryption: the single byte {@code 'N'}. */
    static ByteBuf encryptionRefused(ByteBufAllocator alloc) {
        return alloc.buffer(1).writeByte('N');
    }

    /** {@code AuthenticationOk}: {@code 'R'}, Int32 8, Int32 0. */
    static ByteBuf authenticationOk(ByteBufAllocator alloc) {
        return alloc.buffer(9).writeByte('R').writeInt(8).writeInt(0);
    }

    /** {@code AuthenticationCleartextPassword}: {@code 'R'}, Int32 8, Int32 3. */
    static ByteBuf authenticationCleartextPassword(ByteBufAllocator alloc) {
        return alloc.buffer(9).writeByte('R').writeInt(8).writeInt(3);
    }

    /**
     * {@code NegotiateProtocolVersion}: {@code 'v'}, Int32 length, Int32 newest minor version supported,
     * Int32 count, then the names of the protocol options ({@code _pq_.…}) that were not recognized.
     */
    static ByteBuf negotiateProtocolVersion(ByteBufAllocator alloc, int newestMinor, List<String> unrecognized) {
        ByteBuf result = alloc.buffer();
        int start = begin(result, 'v');
        result.writeInt(newestMinor).writeInt(unrecognized.size());
        for (String each : unrecognized) {
            writeCString(result, each);
        }
        return end(result, start);
    }

    /** {@code ParameterStatus}: {@code 'S'}, Int32 length, String name, String value. */
    static ByteBuf parameterStatus(ByteBufAllocator alloc, String name, String value) {
        ByteBuf result = alloc.buffer();
        int start = begin(result, 'S');
        writeCString(result, name);
        writeCString(result, value);
        return end(result, start);
    }

    /** {@code BackendKeyData}: {@code 'K'}, Int32 12, Int32 process id, Int32 secret key. */
    static ByteBuf backendKeyData(ByteBufAllocator alloc, BackendKey key) {
        return alloc.buffer(13).writeByte('K').writeInt(12).writeInt(key.processId()).writeInt(key.secretKey());
    }

    /**
     * {@code ReadyForQuery}: {@code 'Z'}, Int32 5, Byte1 status: {@code 'I'} idle, {@code 'T'} in a
     * transaction block, {@code 'E'} in a failed transaction block.
     */
    static ByteBuf readyForQuery(ByteBufAllocator alloc, TransactionStatus status) {
        char code = switch (status) {
            case IDLE -> 'I';
            case IN_TRANSACTION -> 'T';
            case FAILED -> 'E';
        };
        return alloc.buffer(6).writeByte('Z').writeInt(5).writeByte(code);
    }

    /**
     * {@code RowDescription}: {@code 'T'}, Int32 length, Int16 field count, then per field: String name,
     * Int32 table OID (0), Int16 column attribute number (0), Int32 type OID, Int16 type length
     * ({@code typlen}), Int32 type modifier (-1), Int16 format code (0 = text).
     */
    static ByteBuf rowDescription(ByteBufAllocator alloc, List<Column> columns) {
        return rowDescription(alloc, columns, new short[columns.size()]);
    }

    /** {@code RowDescription} with a format code per column (0 text, 1 binary), as a Bind asked. */
    static ByteBuf rowDescription(ByteBufAllocator alloc, List<Column> columns, short[] formats) {
        ByteBuf result = alloc.buffer();
        try {
            int start = begin(result, 'T');
            result.writeShort(columns.size());
            for (int i = 0; i < columns.size(); i++) {
                Column each = columns.get(i);
                writeCString(result, each.name());
                result.writeInt(0);
                result.writeShort(0);
                result.writeInt(each.type().oid());
                result.writeShort(each.type().length());
                result.writeInt(-1);
                result.writeShort(formats[i]);
            }
            return end(result, start);
        } catch (RuntimeException ex) {
            result.release();
            throw ex;
        }
    }

    /**
     * {@code DataRow}: {@code 'D'}, Int32 length, Int16 column count, then per column: Int32 value length
     * (-1 for NULL, no bytes follow) and the value in text format (UTF-8, see {@link TextValueEncoder}).
     */
    static ByteBuf dataRow(ByteBufAllocator alloc, Object[] values) {
        ByteBuf result = alloc.buffer();
        try {
            int start = begin(result, 'D');
            result.writeShort(values.length);
            for (Object each : values) {
                if (each == null) {
                    result.writeInt(-1);
                    continue;
                }
                int lengthIndex = result.writerIndex();
                result.writeInt(0);
                int written = result.writeCharSequence(TextValueEncoder.encode(each), StandardCharsets.UTF_8);
                result.setInt(lengthIndex, written);
            }
            return end(result, start);
        } catch (RuntimeException ex) {
            result.release();
            throw ex;
        }
    }

    /**
     * {@code DataRow} with a format code per column: text values as {@link TextValueEncoder} renders them,
     * binary values as {@link BinaryValueEncoder} writes them for the column's type.
     */
    static ByteBuf dataRow(ByteBufAllocator alloc, Object[] values, List<Column> columns, short[] formats) {
        ByteBuf result = alloc.buffer();
        try {
            int start = begin(result, 'D');
            result.writeShort(values.length);
            for (int i = 0; i < values.length; i++) {
                Object each = values[i];
                if (each == null) {
                    result.writeInt(-1);
                    continue;
                }
                int lengthIndex = result.writerIndex();
                result.writeInt(0);
                if (formats[i] == BINARY_FORMAT) {
                    BinaryValueEncoder.encode(columns.get(i).type(), each, result);
                } else {
                    result.writeCharSequence(TextValueEncoder.encode(each), StandardCharsets.UTF_8);
                }
                result.setInt(lengthIndex, result.writerIndex() - lengthIndex - 4);
            }
            return end(result, start);
        } catch (RuntimeException ex) {
            result.release();
            throw ex;
        }
    }

    /** {@code ParseComplete}: {@code '1'}, Int32 4. */
    static ByteBuf parseComplete(ByteBufAllocator alloc) {
        return alloc.buffer(5).writeByte('1').writeInt(4);
    }

    /** {@code BindComplete}: {@code '2'}, Int32 4. */
    static ByteBuf bindComplete(ByteBufAllocator alloc) {
        return alloc.buffer(5).writeByte('2').writeInt(4);
    }

    /** {@code CloseComplete}: {@code '3'}, Int32 4. */
    static ByteBuf closeComplete(ByteBufAllocator alloc) {
        return alloc.buffer(5).writeByte('3').writeInt(4);
    }

    /** {@code NoData}: {@code 'n'}, Int32 4; the described statement or portal returns no rows. */
    static ByteBuf noData(ByteBufAllocator alloc) {
        return alloc.buffer(5).writeByte('n').writeInt(4);
    }

    /** {@code PortalSuspended}: {@code 's'}, Int32 4; Execute's row limit was reached. */
    static ByteBuf portalSuspended(ByteBufAllocator alloc) {
        return alloc.buffer(5).writeByte('s').writeInt(4);
    }

    /** {@code ParameterDescription}: {@code 't'}, Int32 length, Int16 parameter count, Int32 type OID each. */
    static ByteBuf parameterDescription(ByteBufAllocator alloc, int[] typeOids) {
        ByteBuf result = alloc.buffer(7 + 4 * typeOids.length);
        int start = begin(result, 't');
        result.writeShort(typeOids.length);
        for (int each : typeOids) {
            result.writeInt(each);
        }
        return end(result, start);
    }

    /** {@code CommandComplete}: {@code 'C'}, Int32 length, String command tag (such as {@code SELECT 3}). */
    static ByteBuf commandComplete(ByteBufAllocator alloc, String commandTag) {
        ByteBuf result = alloc.buffer();
        int start = begin(result, 'C');
        writeCString(result, commandTag);
        return end(result, start);
    }

    /** {@code EmptyQueryResponse}: {@code 'I'}, Int32 4; replaces CommandComplete for an empty query string. */
    /**
     * CopyInResponse ('G') or CopyOutResponse ('H'): Int8 overall format (0 text), Int16 column count,
     * Int16 format per column (all 0: text and CSV are both textual).
     */
    static ByteBuf copyResponse(ByteBufAllocator alloc, char type, int columnCount) {
        ByteBuf buffer = alloc.buffer(8 + 2 * columnCount);
        buffer.writeByte(type);
        int lengthIndex = buffer.writerIndex();
        buffer.writeInt(0);
        buffer.writeByte(0);
        buffer.writeShort(columnCount);
        for (int i = 0; i < columnCount; i++) {
            buffer.writeShort(0);
        }
        return end(buffer, lengthIndex);
    }

    /** CopyData ('d'): the bytes of one or more rows of a COPY TO STDOUT. */
    static ByteBuf copyData(ByteBufAllocator alloc, byte[] data) {
        ByteBuf buffer = alloc.buffer(5 + data.length);
        buffer.writeByte('d');
        buffer.writeInt(4 + data.length);
        buffer.writeBytes(data);
        return buffer;
    }

    /** CopyDone ('c'). */
    static ByteBuf copyDone(ByteBufAllocator alloc) {
        return alloc.buffer(5).writeByte('c').writeInt(4);
    }

    static ByteBuf emptyQueryResponse(ByteBufAllocator alloc) {
        return alloc.buffer(5).writeByte('I').writeInt(4);
    }

    /**
     * {@code ErrorResponse}: {@code 'E'}, Int32 length, then fields, each Byte1 code and String value,
     * then a zero byte. Fields sent: {@code S} severity (localized), {@code V} severity (never localized),
     * {@code C} SQLSTATE, {@code M} message.
     */
    static ByteBuf errorResponse(ByteBufAllocator alloc, Severity severity, String sqlState, String message) {
        return errorResponse(alloc, severity, sqlState, message, 0);
    }

    /** As above, with {@code P}: the 1-based character position of the error in the query string (0: none). */
    static ByteBuf errorResponse(ByteBufAllocator alloc, Severity severity, String sqlState, String message,
            int position) {
        ByteBuf result = alloc.buffer();
        int start = begin(result, 'E');
        result.writeByte('S');
        writeCString(result, severity.name());
        result.writeByte('V');
        writeCString(result, severity.name());
        result.writeByte('C');
        writeCString(result, sqlState);
        result.writeByte('M');
        writeCString(result, message == null ? "" : message);
        if (position > 0) {
            result.writeByte('P');
            writeCString(result, Integer.toString(position));
        }
        result.writeByte(0);
        return end(result, start);
    }

    /** Writes the type byte and a length placeholder; returns the index of the length field. */
    private static int begin(ByteBuf buffer, char type) {
        buffer.writeByte(type);
        int result = buffer.writerIndex();
        buffer.writeInt(0);
        return result;
    }

    /** Back-patches the length field (which counts itself but not the type byte). */
    private static ByteBuf end(ByteBuf buffer, int lengthIndex) {
        buffer.setInt(lengthIndex, buffer.writerIndex() - lengthIndex);
        return buffer;
    }

    private static void writeCString(ByteBuf buffer, String value) {
        buffer.writeCharSequence(value, StandardCharsets.UTF_8);
        buffer.writeByte(0);
    }
}

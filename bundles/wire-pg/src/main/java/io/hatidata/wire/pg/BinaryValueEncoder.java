package io.hatidata.wire.pg;

import io.hatidata.api.query.ColumnType;
import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Writes a result value in PostgreSQL's binary format ({@code typsend}) for the column types clients ask
 * binary for: int2/int4/int8, float4/float8, bool, text/varchar/json/jsonb, bytea, uuid, date, time,
 * timestamp, timestamptz, numeric, interval and one-dimensional arrays of int4/int8/float8/bool/text.
 * {@link #supports} tells which types have a binary form (all of today's); a request for another in
 * binary is refused before any row is sent.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-overview.html#PROTOCOL-FORMAT-CODES">
 *     PostgreSQL: Formats and Format Codes</a>
 */
final class BinaryValueEncoder {
    private static final int NUMERIC_POSITIVE = 0x0000;
    private static final int NUMERIC_NEGATIVE = 0x4000;

    private BinaryValueEncoder() {}

    /** Whether values of this type can be sent in binary. */
    static boolean supports(ColumnType type) {
        return type != null;
    }

    /** Writes the bytes of a non-null value of a column of {@code type} (without the length field). */
    static void encode(ColumnType type, Object value, ByteBuf out) {
        switch (type) {
            case BOOL -> out.writeByte((Boolean) value ? 1 : 0);
            case INT2 -> out.writeShort(((Number) value).shortValue());
            case INT4 -> out.writeInt(((Number) value).intValue());
            case INT8 -> out.writeLong(((Number) value).longValue());
            case FLOAT4 -> out.writeFloat(((Number) value).floatValue());
            case FLOAT8 -> out.writeDouble(((Number) value).doubleValue());
            case BYTEA -> out.writeBytes((byte[]) value);
            case UUID -> out.writeLong(((UUID) value).getMostSignificantBits())
                    .writeLong(((UUID) value).getLeastSignificantBits());
            case DATE -> out.writeInt(PgEpoch.days((LocalDate) value));
            case TIME -> out.writeLong(PgEpoch.micros((LocalTime) value));
            case TIMESTAMP -> out.writeLong(PgEpoch.micros((LocalDateTime) value));
            case TIMESTAMPTZ -> out.writeLong(PgEpoch.micros((OffsetDateTime) value));
            case NUMERIC -> numeric(value instanceof BigInteger integer ? new BigDecimal(integer) : (BigDecimal) value, out);
            case JSONB -> out.writeByte(1).writeCharSequence(value.toString(), StandardCharsets.UTF_8);
            case INT4_ARRAY -> array(PgOids.INT4, ColumnType.INT4, (List<?>) value, out);
            case INT8_ARRAY -> array(PgOids.INT8, ColumnType.INT8, (List<?>) value, out);
            case FLOAT8_ARRAY -> array(PgOids.FLOAT8, ColumnType.FLOAT8, (List<?>) value, out);
            case BOOL_ARRAY -> array(PgOids.BOOL, ColumnType.BOOL, (List<?>) value, out);
            case TEXT_ARRAY -> array(PgOids.TEXT, ColumnType.TEXT, (List<?>) value, out);
            case INTERVAL -> PgInterval.parse(value.toString()).write(out);
            // text, varchar, json
            default -> out.writeCharSequence(value.toString(), StandardCharsets.UTF_8);
        }
    }

    /**
     * {@code numeric}: Int16 digit count, Int16 weight (of the first digit, in powers of 10000), Int16 sign
     * (0x0000 positive, 0x4000 negative), Int16 display scale, then the base-10000 digits as Int16.
     */
    static void numeric(BigDecimal value, ByteBuf out) {
        BigDecimal abs = value.abs();
        int scale = Math.max(abs.scale(), 0);
        String plain = abs.setScale(scale).toPlainString();
        int dot = plain.indexOf('.');
        String integerPart = dot < 0 ? plain : plain.substring(0, dot);
        String fractionPart = dot < 0 ? "" : plain.substring(dot + 1);
        if (integerPart.equals("0")) {
            integerPart = "";
        }
        int integerGroups = (integerPart.length() + 3) / 4;
        int fractionGroups = (fractionPart.length() + 3) / 4;
        String digitsText = "0".repeat(integerGroups * 4 - integerPart.length()) + integerPart + fractionPart
                + "0".repeat(fractionGroups * 4 - fractionPart.length());
        int[] digits = new int[integerGroups + fractionGroups];
        for (int i = 0; i < digits.length; i++) {
            digits[i] = Integer.parseInt(digitsText, i * 4, i * 4 + 4, 10);
        }
        int weight = integerGroups - 1;
        int start = 0;
        while (start < digits.length && digits[start] == 0) {
            start++;
            weight--;
        }
        int end = digits.length;
        while (end > start && digits[end - 1] == 0) {
            end--;
        }
        if (start == end) {
            weight = 0;
        }
        out.writeShort(end - start);
        out.writeShort(weight);
        out.writeShort(value.signum() < 0 ? NUMERIC_NEGATIVE : NUMERIC_POSITIVE);
        out.writeShort(scale);
        for (int i = start; i < end; i++) {
            out.writeShort(digits[i]);
        }
    }

    /**
     * A one-dimensional array: Int32 dimensions (1, or 0 when empty), Int32 has-nulls flag, Int32 element
     * OID, then per dimension Int32 size and Int32 lower bound (1), then per element Int32 length (-1 for
     * NULL) and its bytes.
     */
    private static void array(int elementOid, ColumnType elementType, List<?> elements, ByteBuf out) {
        out.writeInt(elements.isEmpty() ? 0 : 1);
        // List.of(…).contains(null) throws, so look for nulls by hand
        out.writeInt(elements.stream().anyMatch(Objects::isNull) ? 1 : 0);
        out.writeInt(elementOid);
        if (!elements.isEmpty()) {
            out.writeInt(elements.size());
            out.writeInt(1);
        }
        for (Object each : elements) {
            if (each == null) {
                out.writeInt(-1);
                continue;
            }
            int lengthIndex = out.writerIndex();
            out.writeInt(0);
            encode(elementType, each, out);
            out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
        }
    }
}

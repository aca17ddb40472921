package io.hatidata.wire.pg;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Turns a parameter value sent in binary format into the Java value of its declared type. Binary is
 * PostgreSQL's {@code typsend} form: big-endian integers and IEEE floats, one byte for bool, raw bytes
 * for bytea, UTF-8 for text, 16 bytes for uuid, and the 2000-01-01 epoch of {@link PgEpoch} for dates
 * and timestamps. Other types in binary are refused with {@code 0A000}.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-overview.html#PROTOCOL-FORMAT-CODES">
 *     PostgreSQL: Formats and Format Codes</a>
 */
final class BinaryParameterDecoder {

    private static final int NUMERIC_POSITIVE = 0x0000;
    private static final int NUMERIC_NEGATIVE = 0x4000;
    private static final int NBASE = 10_000;
    private static final BigInteger BIG_NBASE = BigInteger.valueOf(NBASE);

    private BinaryParameterDecoder() {}

    /** The value of a binary-format parameter of type {@code oid}, or {@code 0A000}/{@code 22P03}. */
    static Object decode(int oid, byte[] bytes, int index) throws QueryException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (PgOids.isString(oid)) {
            if (oid == PgOids.JSONB) {
                requireLength(bytes, bytes.length >= 1 && bytes[0] == 1 ? bytes.length : -1, index);
                return new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return switch (oid) {
            case PgOids.BOOL -> requireLength(bytes, 1, index) && bytes[0] != 0;
            case PgOids.INT2 -> requireLength(bytes, 2, index) ? in.getShort() : null;
            case PgOids.INT4 -> requireLength(bytes, 4, index) ? in.getInt() : null;
            case PgOids.INT8 -> requireLength(bytes, 8, index) ? in.getLong() : null;
            case PgOids.OID -> requireLength(bytes, 4, index) ? Integer.toUnsignedLong(in.getInt()) : null;
            case PgOids.FLOAT4 -> requireLength(bytes, 4, index) ? in.getFloat() : null;
            case PgOids.FLOAT8 -> requireLength(bytes, 8, index) ? in.getDouble() : null;
            case PgOids.BYTEA -> bytes;
            case PgOids.UUID -> requireLength(bytes, 16, index) ? new UUID(in.getLong(), in.getLong()) : null;
            case PgOids.DATE -> requireLength(bytes, 4, index) ? PgEpoch.date(in.getInt()) : null;
            case PgOids.TIME -> requireLength(bytes, 8, index) ? PgEpoch.time(in.getLong()) : null;
            case PgOids.TIMESTAMP -> requireLength(bytes, 8, index) ? PgEpoch.timestamp(in.getLong()) : null;
            case PgOids.NUMERIC -> numeric(bytes, index);
            case PgOids.INTERVAL -> requireLength(bytes, 16, index) ? PgInterval.read(in).engineText() : null;
            case PgOids.TIMESTAMPTZ -> requireLength(bytes, 8, index)
                    ? PgEpoch.timestamp(in.getLong()).atOffset(ZoneOffset.UTC)
                    : null;
            default -> throw new QueryException(SqlState.FEATURE_NOT_SUPPORTED,
                    "binary format is not supported for parameter $" + (index + 1) + " of type "
                            + TextParameterDecoder.typeName(oid) + "; send it in text format");
        };
    }

    /**
     * {@code numeric}: Int16 digit count, Int16 weight, Int16 sign (0x0000, 0x4000 negative, 0xC000 NaN,
     * 0xD000/0xF000 infinities), Int16 display scale, then base-10000 digits; the value is
     * {@code Σ digit[i] × 10000^(weight − i)}.
     */
    private static BigDecimal numeric(byte[] bytes, int index) throws QueryException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int digits = bytes.length >= 8 ? in.getShort() & 0xFFFF : -1;
        requireLength(bytes, 8 + 2 * digits, index);
        int weight = in.getShort();
        int sign = in.getShort() & 0xFFFF;
        int scale = in.getShort() & 0xFFFF;
        if (sign != NUMERIC_POSITIVE && sign != NUMERIC_NEGATIVE) {
            throw new QueryException(SqlState.FEATURE_NOT_SUPPORTED,
                    "numeric NaN and infinity are not supported (parameter $" + (index + 1) + ")");
        }
        BigInteger unscaled = BigInteger.ZERO;
        for (int i = 0; i < digits; i++) {
            int digit = in.getShort();
            if (digit < 0 || digit >= NBASE) {
                requireLength(bytes, -1, index);
            }
            unscaled = unscaled.multiply(BIG_NBASE).add(BigInteger.valueOf(digit));
        }
        BigDecimal result = new BigDecimal(unscaled).scaleByPowerOfTen(4 * (weight - digits + 1));
        result = result.setScale(scale, RoundingMode.HALF_UP);
        return sign == NUMERIC_NEGATIVE ? result.negate() : result;
    }

    private static boolean requireLength(byte[] bytes, int expected, int index) throws QueryException {
        if (bytes.length != expected) {
            throw new QueryException(SqlState.INVALID_BINARY_REPRESENTATION,
                    "incorrect binary data format in bind parameter " + (index + 1));
        }
        return true;
    }
}

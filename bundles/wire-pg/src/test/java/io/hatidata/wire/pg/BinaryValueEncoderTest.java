package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.query.ColumnType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BinaryValueEncoderTest {

    private static byte[] encode(ColumnType type, Object value) {
        ByteBuf out = Unpooled.buffer();
        try {
            BinaryValueEncoder.encode(type, value, out);
            byte[] result = new byte[out.readableBytes()];
            out.readBytes(result);
            return result;
        } finally {
            out.release();
        }
    }

    private static byte[] shorts(int... values) {
        ByteBuffer result = ByteBuffer.allocate(values.length * 2);
        for (int each : values) {
            result.putShort((short) each);
        }
        return result.array();
    }

    @Test
    void numericIsBase10000DigitsWithWeightSignAndScale() {
        // 12345.678: digits 1, 2345, 6780; weight 1; scale 3
        assertArrayEquals(shorts(3, 1, 0, 3, 1, 2345, 6780), encode(ColumnType.NUMERIC, new BigDecimal("12345.678")));
        assertArrayEquals(shorts(1, -1, 0x4000, 4, 1), encode(ColumnType.NUMERIC, new BigDecimal("-0.0001")));
        assertArrayEquals(shorts(0, 0, 0, 2), encode(ColumnType.NUMERIC, new BigDecimal("0.00")));
        assertArrayEquals(shorts(1, 1, 0, 0, 1), encode(ColumnType.NUMERIC, new BigDecimal("1E+4")));
        assertArrayEquals(shorts(1, 2, 0, 0, 1), encode(ColumnType.NUMERIC, new java.math.BigInteger("100000000")));
    }

    @Test
    void datesAndTimestampsCountFrom2000() {
        assertArrayEquals(ByteBuffer.allocate(4).putInt(1).array(), encode(ColumnType.DATE, LocalDate.of(2000, 1, 2)));
        assertArrayEquals(ByteBuffer.allocate(8).putLong(1_000_001).array(),
                encode(ColumnType.TIMESTAMP, LocalDateTime.of(2000, 1, 1, 0, 0, 1, 1000)));
        assertArrayEquals(ByteBuffer.allocate(8).putLong(0).array(),
                encode(ColumnType.TIMESTAMPTZ, OffsetDateTime.of(2000, 1, 1, 2, 0, 0, 0, ZoneOffset.ofHours(2))));
    }

    @Test
    void fixedWidthTypesUuidAndText() {
        assertArrayEquals(new byte[] {1}, encode(ColumnType.BOOL, true));
        assertArrayEquals(ByteBuffer.allocate(2).putShort((short) 5).array(), encode(ColumnType.INT2, (short) 5));
        assertArrayEquals(ByteBuffer.allocate(8).putDouble(0.1).array(), encode(ColumnType.FLOAT8, 0.1));
        UUID id = UUID.randomUUID();
        assertArrayEquals(ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).array(), encode(ColumnType.UUID, id));
        assertArrayEquals("é".getBytes(java.nio.charset.StandardCharsets.UTF_8), encode(ColumnType.TEXT, "é"));
        assertArrayEquals(new byte[] {1, '[', ']'}, encode(ColumnType.JSONB, "[]"));
    }

    @Test
    void oneDimensionalArraysWithNulls() {
        ByteBuffer expected = ByteBuffer.allocate(36)
                .putInt(1).putInt(1).putInt(PgOids.INT4).putInt(2).putInt(1)
                .putInt(4).putInt(7).putInt(-1);
        assertArrayEquals(Arrays.copyOf(expected.array(), 32), encode(ColumnType.INT4_ARRAY, Arrays.asList(7, null)));
        assertArrayEquals(ByteBuffer.allocate(12).putInt(0).putInt(0).putInt(PgOids.TEXT).array(),
                encode(ColumnType.TEXT_ARRAY, java.util.List.of()));
    }

    @Test
    void intervalIsMicrosDaysMonths() {
        assertTrue(BinaryValueEncoder.supports(ColumnType.INTERVAL));
        ByteBuf out = Unpooled.buffer();
        BinaryValueEncoder.encode(ColumnType.INTERVAL, "1 year 2 mons -3 days 04:05:06.5", out);
        assertEquals(((4 * 3600 + 5 * 60 + 6) * 1_000_000L) + 500_000L, out.readLong());
        assertEquals(-3, out.readInt());
        assertEquals(14, out.readInt());
        out.release();
    }
}

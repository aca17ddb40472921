package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hatidata.api.query.QueryException;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BinaryParameterDecoderTest {

    @Test
    void decodesFixedWidthTypes() throws QueryException {
        assertEquals((short) -2, BinaryParameterDecoder.decode(PgOids.INT2, ByteBuffer.allocate(2).putShort((short) -2).array(), 0));
        assertEquals(7, BinaryParameterDecoder.decode(PgOids.INT4, ByteBuffer.allocate(4).putInt(7).array(), 0));
        assertEquals(1.25f, BinaryParameterDecoder.decode(PgOids.FLOAT4, ByteBuffer.allocate(4).putFloat(1.25f).array(), 0));
        assertEquals(false, BinaryParameterDecoder.decode(PgOids.BOOL, new byte[] {0}, 0));
    }

    @Test
    void datesAndTimestampsCountFrom2000() throws QueryException {
        assertEquals(LocalDate.of(2000, 1, 1), BinaryParameterDecoder.decode(PgOids.DATE, new byte[4], 0));
        assertEquals(LocalDate.of(1970, 1, 1),
                BinaryParameterDecoder.decode(PgOids.DATE, ByteBuffer.allocate(4).putInt(-10_957).array(), 0));
        assertEquals(LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000),
                BinaryParameterDecoder.decode(PgOids.TIMESTAMP, ByteBuffer.allocate(8).putLong(-1).array(), 0));
        assertEquals(OffsetDateTime.of(2000, 1, 1, 0, 0, 1, 0, ZoneOffset.UTC),
                BinaryParameterDecoder.decode(PgOids.TIMESTAMPTZ, ByteBuffer.allocate(8).putLong(1_000_000).array(), 0));
        assertEquals(LocalTime.of(0, 0, 2),
                BinaryParameterDecoder.decode(PgOids.TIME, ByteBuffer.allocate(8).putLong(2_000_000).array(), 0));
    }

    @Test
    void numericRoundTripsWithTheEncoder() throws QueryException {
        for (String each : new String[] {"12345.678", "-0.0001", "0.00", "100000000", "-98765432109876543210.5", "7"}) {
            io.netty.buffer.ByteBuf out = io.netty.buffer.Unpooled.buffer();
            BinaryValueEncoder.numeric(new java.math.BigDecimal(each), out);
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            out.release();
            assertEquals(new java.math.BigDecimal(each), BinaryParameterDecoder.decode(PgOids.NUMERIC, bytes, 0), each);
        }
        byte[] nan = ByteBuffer.allocate(8).putShort((short) 0).putShort((short) 0).putShort((short) 0xC000).array();
        assertEquals("0A000", assertThrows(QueryException.class,
                () -> BinaryParameterDecoder.decode(PgOids.NUMERIC, nan, 0)).sqlState());
    }

    @Test
    void jsonbCarriesAVersionByte() throws QueryException {
        assertEquals("{}", BinaryParameterDecoder.decode(PgOids.JSONB, new byte[] {1, '{', '}'}, 0));
    }

    @Test
    void wrongLengthIs22P03AndUnsupportedTypeIs0A000() {
        QueryException length = assertThrows(QueryException.class,
                () -> BinaryParameterDecoder.decode(PgOids.INT8, new byte[4], 2));
        assertEquals("22P03", length.sqlState());
        assertEquals("incorrect binary data format in bind parameter 3", length.getMessage());
        QueryException unsupported = assertThrows(QueryException.class,
                () -> BinaryParameterDecoder.decode(600, new byte[16], 0));
        assertEquals("0A000", unsupported.sqlState());
    }
}

package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hatidata.api.query.QueryException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TextParameterDecoderTest {

    @Test
    void decodesNumbersAndBooleansAsPostgresAcceptsThem() throws QueryException {
        assertEquals((short) -3, TextParameterDecoder.decode(PgOids.INT2, " -3 "));
        assertEquals(42, TextParameterDecoder.decode(PgOids.INT4, "42"));
        assertEquals(9_000_000_000L, TextParameterDecoder.decode(PgOids.INT8, "9000000000"));
        assertEquals(1.5f, TextParameterDecoder.decode(PgOids.FLOAT4, "1.5"));
        assertEquals(Double.NEGATIVE_INFINITY, TextParameterDecoder.decode(PgOids.FLOAT8, "-inf"));
        assertEquals(Double.NaN, TextParameterDecoder.decode(PgOids.FLOAT8, "NaN"));
        assertEquals(new BigDecimal("-12.340"), TextParameterDecoder.decode(PgOids.NUMERIC, "-12.340"));
        assertEquals(true, TextParameterDecoder.decode(PgOids.BOOL, "on"));
        assertEquals(false, TextParameterDecoder.decode(PgOids.BOOL, "F"));
    }

    @Test
    void decodesDatesTimesAndUuids() throws QueryException {
        assertEquals(LocalDate.of(2024, 2, 29), TextParameterDecoder.decode(PgOids.DATE, "2024-02-29"));
        assertEquals(LocalTime.of(13, 14, 15, 500_000_000), TextParameterDecoder.decode(PgOids.TIME, "13:14:15.5"));
        assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000),
                TextParameterDecoder.decode(PgOids.TIMESTAMP, "2024-01-02 03:04:05.123456"));
        assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4), TextParameterDecoder.decode(PgOids.TIMESTAMP, "2024-01-02T03:04"));
        assertEquals(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHoursMinutes(-5, -30)),
                TextParameterDecoder.decode(PgOids.TIMESTAMPTZ, "2024-01-02 03:04:05-05:30"));
        assertEquals(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC),
                TextParameterDecoder.decode(PgOids.TIMESTAMPTZ, "2024-01-02 03:04:05"));
        UUID id = UUID.randomUUID();
        assertEquals(id, TextParameterDecoder.decode(PgOids.UUID, id.toString()));
    }

    @Test
    void decodesByteaInHexAndEscapeFormat() throws QueryException {
        assertArrayEquals(new byte[] {0x01, (byte) 0xAB}, (byte[]) TextParameterDecoder.decode(PgOids.BYTEA, "\\x01ab"));
        assertArrayEquals(new byte[] {'a', '\\', 1}, (byte[]) TextParameterDecoder.decode(PgOids.BYTEA, "a\\\\\\001"));
    }

    @Test
    void unspecifiedAndStringTypesStayStrings() throws QueryException {
        assertEquals("42", TextParameterDecoder.decode(PgOids.UNSPECIFIED, "42"));
        assertEquals("{\"a\":1}", TextParameterDecoder.decode(PgOids.JSON, "{\"a\":1}"));
        assertEquals("x", TextParameterDecoder.decode(PgOids.VARCHAR, "x"));
    }

    @Test
    void invalidInputIs22P02() {
        for (int oid : new int[] {PgOids.INT4, PgOids.BOOL, PgOids.DATE, PgOids.UUID, PgOids.NUMERIC, PgOids.BYTEA}) {
            QueryException ex = assertThrows(QueryException.class, () -> TextParameterDecoder.decode(oid, "\\zz"));
            assertEquals("22P02", ex.sqlState(), "oid " + oid);
        }
    }
}

package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TextValueEncoderTest {

    private static void encodes(String expected, Object value) {
        assertEquals(expected, TextValueEncoder.encode(value), String.valueOf(value));
    }

    @Test
    void booleansAndIntegers() {
        encodes("t", true);
        encodes("f", false);
        encodes("-7", (short) -7);
        encodes("42", 42);
        encodes("9223372036854775807", Long.MAX_VALUE);
        encodes("123456789012345678901234567890", new BigInteger("123456789012345678901234567890"));
    }

    @Test
    void numericIsPlain() {
        encodes("1000", new BigDecimal("1E+3"));
        encodes("0.00010", new BigDecimal("0.00010"));
    }

    @Test
    void doublesLikePostgres() {
        encodes("2", 2.0);
        encodes("0.1", 0.1);
        encodes("-1.5", -1.5);
        encodes("1e+20", 1e20);
        encodes("1.5e-07", 1.5e-7);
        encodes("0.0001", 0.0001);
        encodes("1e-05", 0.00001);
        encodes("100000000000000", 1e14);
        encodes("1e+15", 1e15);
        encodes("1.7976931348623157e+308", Double.MAX_VALUE);
        encodes("NaN", Double.NaN);
        encodes("Infinity", Double.POSITIVE_INFINITY);
        encodes("-Infinity", Double.NEGATIVE_INFINITY);
        encodes("0", 0.0);
        encodes("-0", -0.0);
    }

    @Test
    void floatsLikePostgres() {
        encodes("2.5", 2.5f);
        encodes("0.1", 0.1f);
        encodes("100000", 100000f);
        encodes("1e+06", 1000000f);
        encodes("NaN", Float.NaN);
    }

    @Test
    void byteaIsHex() {
        encodes("\\x", new byte[0]);
        encodes("\\x00ff10ab", new byte[] {0, (byte) 0xff, 0x10, (byte) 0xab});
    }

    @Test
    void datesAndTimes() {
        encodes("2024-02-29", LocalDate.of(2024, 2, 29));
        encodes("0044-03-15 BC", LocalDate.of(-43, 3, 15));
        encodes("12345-01-01", LocalDate.of(12345, 1, 1));
        encodes("07:05:00", LocalTime.of(7, 5));
        encodes("07:05:00.5", LocalTime.of(7, 5, 0, 500_000_000));
        encodes("07:05:00.000001", LocalTime.of(7, 5, 0, 1_000));
        encodes("07:05:00.123456", LocalTime.of(7, 5, 0, 123_456_789));
        encodes("2024-01-02 03:04:05", LocalDateTime.of(2024, 1, 2, 3, 4, 5));
        encodes("2024-01-02 03:04:05.25", LocalDateTime.of(2024, 1, 2, 3, 4, 5, 250_000_000));
        encodes("2024-01-02 01:04:05+00",
                OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)));
        encodes("2023-12-31 23:30:00.1+00",
                OffsetDateTime.of(2024, 1, 1, 1, 0, 0, 100_000_000, ZoneOffset.ofHoursMinutes(1, 30)));
    }

    @Test
    void uuidAndStrings() {
        UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        encodes("123e4567-e89b-12d3-a456-426614174000", uuid);
        encodes("héllo", "héllo");
        encodes("1 day 02:00:00", "1 day 02:00:00");
    }

    @Test
    void arrays() {
        encodes("{1,2,NULL}", Arrays.asList(1, 2, null));
        encodes("{}", List.of());
        encodes("{t,f}", List.of(true, false));
        encodes("{plain,\"\",\"a,b\",\"with space\",\"q\\\"uote\",\"back\\\\slash\",\"NULL\",\"null\",\"{x}\"}",
                List.of("plain", "", "a,b", "with space", "q\"uote", "back\\slash", "NULL", "null", "{x}"));
        encodes("{{1,2},{3,4}}", List.of(List.of(1, 2), List.of(3, 4)));
        encodes("{1.5,NaN}", List.of(1.5, Double.NaN));
    }

    @Test
    void anythingElseIsToString() {
        encodes("custom", new Object() {
            @Override
            public String toString() {
                return "custom";
            }
        });
    }
}

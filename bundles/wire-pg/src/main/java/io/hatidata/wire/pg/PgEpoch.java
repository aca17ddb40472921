package io.hatidata.wire.pg;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * PostgreSQL's binary date and time representations: dates as Int32 days and timestamps as Int64
 * microseconds since 2000-01-01 (UTC for {@code timestamptz}), times as Int64 microseconds since midnight.
 */
final class PgEpoch {
    /** 2000-01-01 in days since 1970-01-01. */
    static final long EPOCH_DAY = 10_957;
    /** 2000-01-01T00:00Z in seconds since 1970-01-01T00:00Z. */
    static final long EPOCH_SECOND = 946_684_800L;
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private PgEpoch() {}

    static int days(LocalDate date) {
        return Math.toIntExact(date.toEpochDay() - EPOCH_DAY);
    }

    static LocalDate date(int days) {
        return LocalDate.ofEpochDay(days + EPOCH_DAY);
    }

    static long micros(LocalTime time) {
        return time.toNanoOfDay() / 1000;
    }

    static LocalTime time(long micros) {
        return LocalTime.ofNanoOfDay(micros * 1000);
    }

    static long micros(LocalDateTime timestamp) {
        long seconds = timestamp.toEpochSecond(ZoneOffset.UTC) - EPOCH_SECOND;
        return Math.addExact(Math.multiplyExact(seconds, MICROS_PER_SECOND), timestamp.getNano() / 1000);
    }

    static long micros(OffsetDateTime timestamp) {
        return micros(timestamp.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
    }

    static LocalDateTime timestamp(long micros) {
        long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
        int nanos = (int) Math.floorMod(micros, MICROS_PER_SECOND) * 1000;
        return LocalDateTime.ofEpochSecond(seconds + EPOCH_SECOND, nanos, ZoneOffset.UTC);
    }
}

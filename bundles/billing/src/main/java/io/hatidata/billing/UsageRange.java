package io.hatidata.billing;

import io.hatidata.api.billing.Granularity;
import io.hatidata.api.controlplane.ControlPlaneException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * The days a usage request covers (inclusive, UTC) and its buckets. At most 366 days; hourly buckets at
 * most 31 days, so a report has at most 744 buckets.
 */
record UsageRange(LocalDate start, LocalDate end, Granularity granularity) {
    static final int MAX_DAYS = 366;
    static final int MAX_HOURLY_DAYS = 31;

    static UsageRange of(LocalDate start, LocalDate end, Granularity granularity, LocalDate today) {
        LocalDate from = start == null ? today.withDayOfMonth(1) : start;
        LocalDate to = end == null ? today : end;
        Granularity by = granularity == null ? Granularity.DAY : granularity;
        if (to.isBefore(from)) {
            throw ControlPlaneException.invalid("end_date", "range", "end_date is before start_date");
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > MAX_DAYS) {
            throw ControlPlaneException.invalid("start_date", "range", "at most " + MAX_DAYS + " days per request");
        }
        if (by == Granularity.HOUR && days > MAX_HOURLY_DAYS) {
            throw ControlPlaneException.invalid("group_by", "range",
                    "group_by=hour covers at most " + MAX_HOURLY_DAYS + " days per request");
        }
        return new UsageRange(from, to, by);
    }

    long fromEpochSecond() {
        return start.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }

    long toEpochSecond() {
        return end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }

    /** The start of the bucket an hour falls in. */
    Instant bucketOf(long hourStart) {
        Instant hour = Instant.ofEpochSecond(hourStart);
        LocalDate day = hour.atOffset(ZoneOffset.UTC).toLocalDate();
        return switch (granularity) {
            case HOUR -> hour;
            case DAY -> day.atStartOfDay(ZoneOffset.UTC).toInstant();
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
        };
    }

    /** Every bucket start of the range, in order. */
    List<Instant> buckets() {
        List<Instant> result = new ArrayList<>();
        Instant each = bucketOf(fromEpochSecond());
        Instant last = Instant.ofEpochSecond(toEpochSecond());
        while (each.isBefore(last)) {
            result.add(each);
            each = switch (granularity) {
                case HOUR -> each.plus(1, ChronoUnit.HOURS);
                case DAY -> each.plus(1, ChronoUnit.DAYS);
                case WEEK -> each.plus(7, ChronoUnit.DAYS);
            };
        }
        return result;
    }
}

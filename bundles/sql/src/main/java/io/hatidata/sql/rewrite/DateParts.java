package io.hatidata.sql.rewrite;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlNode;

/**
 * Snowflake's date and time parts (with all their abbreviations) and DuckDB's name for each. Snowflake's
 * defaults are assumed ({@code WEEK_START = 0}, {@code WEEK_OF_YEAR_POLICY = 0}): weeks start on Monday
 * and are ISO weeks, and {@code DAYOFWEEK} counts 0 (Sunday) to 6, exactly as DuckDB does.
 */
public final class DateParts {
    private static final Map<String, String> PARTS = new HashMap<>();

    static {
        alias("year", "YEAR", "Y", "YY", "YYY", "YYYY", "YR", "YEARS", "YRS");
        alias("quarter", "QUARTER", "Q", "QTR", "QTRS", "QUARTERS");
        alias("month", "MONTH", "MM", "MON", "MONS", "MONTHS");
        alias("week", "WEEK", "W", "WK", "WEEKOFYEAR", "WOY", "WY", "WEEKS", "WEEKISO", "WEEK_ISO", "WEEKOFYEARISO",
                "WEEKOFYEAR_ISO");
        alias("day", "DAY", "D", "DD", "DAYS", "DAYOFMONTH");
        alias("dow", "DAYOFWEEK", "WEEKDAY", "DOW", "DW");
        alias("isodow", "DAYOFWEEKISO", "WEEKDAY_ISO", "DOW_ISO", "DW_ISO", "ISODOW");
        alias("doy", "DAYOFYEAR", "YEARDAY", "DOY", "DY");
        alias("isoyear", "YEAROFWEEK", "YEAROFWEEKISO", "ISOYEAR");
        alias("hour", "HOUR", "H", "HH", "HR", "HOURS", "HRS");
        alias("minute", "MINUTE", "M", "MI", "MIN", "MINUTES", "MINS");
        alias("second", "SECOND", "S", "SEC", "SECONDS", "SECS");
        alias("millisecond", "MILLISECOND", "MS", "MSEC", "MILLISECONDS");
        alias("microsecond", "MICROSECOND", "US", "USEC", "MICROSECONDS");
        alias("nanosecond", "NANOSECOND", "NS", "NSEC", "NANOSEC", "NSECOND", "NANOSECONDS", "NANOSECS");
        alias("epoch", "EPOCH", "EPOCH_SECOND", "EPOCH_SECONDS");
    }

    private DateParts() {}

    private static void alias(String duckDb, String... snowflake) {
        for (String each : snowflake) {
            PARTS.put(each, duckDb);
        }
    }

    /** DuckDB's name of the part a Snowflake call names (keyword, identifier or string); refuses unknown ones. */
    public static String of(SqlNode node) {
        String name;
        if (node instanceof SqlIntervalQualifier qualifier) {
            name = qualifier.timeFrameName != null ? qualifier.timeFrameName : qualifier.timeUnitRange.startUnit.name();
        } else if (node instanceof SqlIdentifier id && id.isSimple()) {
            name = id.getSimple();
        } else if (Nodes.stringValue(node) != null) {
            name = Nodes.stringValue(node);
        } else {
            throw new RefusedConstruct("a date part that is not a constant");
        }
        String result = PARTS.get(name.toUpperCase(Locale.ROOT));
        if (result == null) {
            throw new RefusedConstruct("date part " + name);
        }
        return result;
    }
}

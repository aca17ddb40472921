package io.hatidata.wire.pg;

import io.netty.buffer.ByteBuf;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code interval} as PostgreSQL keeps it: months, days and microseconds, each with its own sign.
 * Reads the {@code postgres} output style the engine produces ({@code 1 year 2 mons -3 days 04:05:06.5}),
 * writes PostgreSQL's binary form (Int64 microseconds, Int32 days, Int32 months), and turns a binary
 * parameter back into text the engine reads.
 */
record PgInterval(int months, int days, long micros) {
    private static final Pattern PART = Pattern.compile(
            "([+-]?\\d{1,10}) (years?|months?|mons?|days?)|([+-])?(\\d{1,10}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,6}))?");

    /** Parses the {@code postgres} output style; {@code IllegalArgumentException} for anything else. */
    static PgInterval parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Matcher part = PART.matcher(value);
        long months = 0;
        long days = 0;
        long micros = 0;
        int position = 0;
        while (position < value.length()) {
            if (value.charAt(position) == ' ') {
                position++;
                continue;
            }
            if (!part.find(position) || part.start() != position) {
                throw new IllegalArgumentException("not an interval: " + text);
            }
            if (part.group(1) != null) {
                long amount = Long.parseLong(part.group(1));
                switch (part.group(2).charAt(0)) {
                    case 'y' -> months += amount * 12;
                    case 'm' -> months += amount;
                    default -> days += amount;
                }
            } else {
                long time = (Long.parseLong(part.group(4)) * 3600 + Long.parseLong(part.group(5)) * 60
                        + Long.parseLong(part.group(6))) * 1_000_000L;
                String fraction = part.group(7);
                if (fraction != null) {
                    time += Long.parseLong((fraction + "00000").substring(0, 6));
                }
                micros += "-".equals(part.group(3)) ? -time : time;
            }
            position = part.end();
        }
        return new PgInterval(Math.toIntExact(months), Math.toIntExact(days), micros);
    }

    /** PostgreSQL's binary form. */
    void write(ByteBuf out) {
        out.writeLong(micros).writeInt(days).writeInt(months);
    }

    /** Reads PostgreSQL's binary form. */
    static PgInterval read(java.nio.ByteBuffer in) {
        long micros = in.getLong();
        int days = in.getInt();
        return new PgInterval(in.getInt(), days, micros);
    }

    /** Text the engine reads as the same interval. */
    String engineText() {
        return months + " months " + days + " days " + micros + " microseconds";
    }
}

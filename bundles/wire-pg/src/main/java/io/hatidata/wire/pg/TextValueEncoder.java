package io.hatidata.wire.pg;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Renders a result value in PostgreSQL's text format, chosen by the value's Java type as the
 * {@link io.hatidata.api.query.ColumnType} javadoc assigns them. The output equals what PostgreSQL 15 prints
 * with its default settings ({@code DateStyle=ISO}, {@code extra_float_digits=1}, {@code bytea_output=hex},
 * {@code TimeZone=UTC}), so drivers parse it as they would from PostgreSQL.
 *
 * @see <a href="https://www.postgresql.org/docs/current/datatype.html">PostgreSQL: Data Types</a>
 */
final class TextValueEncoder {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** PostgreSQL prints float8 in fixed notation for decimal exponents from -4 up to this (DBL_DIG). */
    private static final int DOUBLE_FIXED_LIMIT = 15;
    /** The same limit for float4 (FLT_DIG). */
    private static final int FLOAT_FIXED_LIMIT = 6;

    private TextValueEncoder() {}

    /** The text form of a non-null value. */
    static String encode(Object value) {
        if (value instanceof String text) {
            return text;
        } else if (value instanceof Boolean bool) {
            return bool ? "t" : "f";
        } else if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        } else if (value instanceof Double number) {
            return encodeDouble(number);
        } else if (value instanceof Float number) {
            return encodeFloat(number);
        } else if (value instanceof byte[] bytes) {
            return encodeBytes(bytes);
        } else if (value instanceof LocalDate date) {
            return encodeDate(date, new StringBuilder(13)).append(date.getYear() <= 0 ? " BC" : "").toString();
        } else if (value instanceof LocalTime time) {
            return encodeTime(time, new StringBuilder(15)).toString();
        } else if (value instanceof LocalDateTime timestamp) {
            return encodeTimestamp(timestamp, "");
        } else if (value instanceof OffsetDateTime timestamp) {
            return encodeTimestamp(timestamp.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime(), "+00");
        } else if (value instanceof List<?> elements) {
            return encodeArray(elements, new StringBuilder()).toString();
        }
        // Short, Integer, Long, BigInteger, UUID and anything else: their toString is the text form
        return value.toString();
    }

    /** {@code float8}: NaN, Infinity, -Infinity, or the shortest round-trip digits in C's {@code %g} shape. */
    static String encodeDouble(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        } else if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        } else if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        return formatShortest(new BigDecimal(Double.toString(value)), DOUBLE_FIXED_LIMIT);
    }

    /** {@code float4}: like {@link #encodeDouble} with float precision. */
    static String encodeFloat(float value) {
        if (Float.isNaN(value)) {
            return "NaN";
        } else if (Float.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        } else if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        return formatShortest(new BigDecimal(Float.toString(value)), FLOAT_FIXED_LIMIT);
    }

    /**
     * Fixed notation when the decimal exponent is in {@code [-4, fixedLimit)}, else {@code d.ddde±XX}
     * with at least two exponent digits; never trailing zeros.
     */
    private static String formatShortest(BigDecimal value, int fixedLimit) {
        BigDecimal stripped = value.stripTrailingZeros();
        int exponent = stripped.precision() - stripped.scale() - 1;
        if (exponent >= -4 && exponent < fixedLimit) {
            return stripped.toPlainString();
        }
        String digits = stripped.unscaledValue().abs().toString();
        StringBuilder result = new StringBuilder(digits.length() + 8);
        if (stripped.signum() < 0) {
            result.append('-');
        }
        result.append(digits.charAt(0));
        if (digits.length() > 1) {
            result.append('.').append(digits, 1, digits.length());
        }
        result.append('e').append(exponent < 0 ? '-' : '+');
        int magnitude = Math.abs(exponent);
        if (magnitude < 10) {
            result.append('0');
        }
        return result.append(magnitude).toString();
    }

    /** {@code bytea} in hex output: {@code \x} and two lowercase hex digits per byte. */
    static String encodeBytes(byte[] bytes) {
        char[] result = new char[2 + bytes.length * 2];
        result[0] = '\\';
        result[1] = 'x';
        for (int i = 0; i < bytes.length; i++) {
            result[2 + i * 2] = HEX[(bytes[i] >> 4) & 0xF];
            result[3 + i * 2] = HEX[bytes[i] & 0xF];
        }
        return new String(result);
    }

    /** {@code yyyy-MM-dd}; years after 9999 in full, years before 1 as PostgreSQL's {@code BC} (added by the caller). */
    private static StringBuilder encodeDate(LocalDate date, StringBuilder out) {
        int year = date.getYear();
        pad(out, year > 0 ? year : 1 - year, 4).append('-');
        pad(out, date.getMonthValue(), 2).append('-');
        return pad(out, date.getDayOfMonth(), 2);
    }

    /** {@code HH:mm:ss}, then up to six fractional digits (microseconds, truncated) without trailing zeros. */
    private static StringBuilder encodeTime(LocalTime time, StringBuilder out) {
        pad(out, time.getHour(), 2).append(':');
        pad(out, time.getMinute(), 2).append(':');
        pad(out, time.getSecond(), 2);
        int micros = time.getNano() / 1000;
        if (micros != 0) {
            int digits = 6;
            while (micros % 10 == 0) {
                micros /= 10;
                digits--;
            }
            pad(out.append('.'), micros, digits);
        }
        return out;
    }

    private static String encodeTimestamp(LocalDateTime timestamp, String zone) {
        StringBuilder result = new StringBuilder(32);
        encodeDate(timestamp.toLocalDate(), result).append(' ');
        encodeTime(timestamp.toLocalTime(), result).append(zone);
        if (timestamp.getYear() <= 0) {
            result.append(" BC");
        }
        return result.toString();
    }

    /**
     * An array literal: {@code {a,b,NULL}}; nested lists become nested arrays. An element is quoted when it
     * is empty, equals {@code NULL} in any case, or contains a brace, comma, quote, backslash or white
     * space; inside quotes, {@code "} and {@code \} are escaped with a backslash.
     */
    private static StringBuilder encodeArray(List<?> elements, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Object each : elements) {
            if (!first) {
                out.append(',');
            }
            first = false;
            if (each == null) {
                out.append("NULL");
            } else if (each instanceof List<?> nested) {
                encodeArray(nested, out);
            } else {
                appendArrayElement(encode(each), out);
            }
        }
        return out.append('}');
    }

    private static void appendArrayElement(String text, StringBuilder out) {
        if (!needsQuotes(text)) {
            out.append(text);
            return;
        }
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }

    private static boolean needsQuotes(String text) {
        if (text.isEmpty() || text.equalsIgnoreCase("NULL")) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            switch (text.charAt(i)) {
                case ',', '{', '}', '"', '\\', ' ', '\t', '\n', '\r', '\u000B', '\f':
                    return true;
                default:
                    break;
            }
        }
        return false;
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }
}

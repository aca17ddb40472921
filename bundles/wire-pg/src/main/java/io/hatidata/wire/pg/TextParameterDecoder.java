package io.hatidata.wire.pg;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * Turns a parameter value sent in text format into the Java value of its declared type, accepting the
 * input forms PostgreSQL accepts for the common types. Types it does not know, and unspecified ones
 * (OID 0), stay strings; the engine casts them where the statement needs another type.
 *
 * @see <a href="https://www.postgresql.org/docs/current/datatype.html">PostgreSQL: Data Types</a>
 */
final class TextParameterDecoder {
    /** {@code 2024-01-02 03:04:05.123456}, also with {@code T} between date and time. */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);

    private TextParameterDecoder() {}

    /** The value of a text-format parameter of type {@code oid}. */
    static Object decode(int oid, String text) throws QueryException {
        try {
            return switch (oid) {
                case PgOids.BOOL -> bool(text);
                case PgOids.INT2 -> Short.valueOf(text.trim());
                case PgOids.INT4 -> Integer.valueOf(text.trim());
                case PgOids.INT8, PgOids.OID -> Long.valueOf(text.trim());
                case PgOids.FLOAT4 -> Float.valueOf(floatText(text));
                case PgOids.FLOAT8 -> Double.valueOf(floatText(text));
                case PgOids.NUMERIC -> new BigDecimal(text.trim());
                case PgOids.BYTEA -> bytea(text);
                case PgOids.DATE -> LocalDate.parse(text.trim());
                case PgOids.TIME -> LocalTime.parse(text.trim());
                case PgOids.TIMESTAMP -> LocalDateTime.parse(text.trim(), TIMESTAMP);
                case PgOids.TIMESTAMPTZ -> timestampTz(text.trim());
                case PgOids.UUID -> UUID.fromString(text.trim());
                default -> text;
            };
        } catch (NumberFormatException | DateTimeParseException ex) {
            throw invalid(oid, text);
        } catch (IllegalArgumentException ex) {
            // UUID.fromString, HexFormat
            throw invalid(oid, text);
        }
    }

    private static Boolean bool(String text) throws QueryException {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "t", "true", "y", "yes", "on", "1" -> Boolean.TRUE;
            case "f", "false", "n", "no", "off", "0" -> Boolean.FALSE;
            default -> throw invalid(PgOids.BOOL, text);
        };
    }

    /** PostgreSQL spells infinity {@code inf}, {@code infinity} or {@code Infinity}; Java only the last. */
    private static String floatText(String text) {
        String trimmed = text.trim();
        return switch (trimmed.toLowerCase(Locale.ROOT)) {
            case "inf", "infinity", "+inf", "+infinity" -> "Infinity";
            case "-inf", "-infinity" -> "-Infinity";
            case "nan" -> "NaN";
            default -> trimmed;
        };
    }

    /** {@code \x0102…} (hex format), else the escape format ({@code \\} and {@code \ooo} octal). */
    private static byte[] bytea(String text) throws QueryException {
        if (text.startsWith("\\x")) {
            return HexFormat.of().parseHex(text.substring(2));
        }
        ByteArrayOutputStream result = new ByteArrayOutputStream(text.length());
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\\') {
                result.write(bytes[i]);
            } else if (i + 1 < bytes.length && bytes[i + 1] == '\\') {
                result.write('\\');
                i++;
            } else if (i + 3 < bytes.length && isOctal(bytes[i + 1]) && isOctal(bytes[i + 2]) && isOctal(bytes[i + 3])) {
                result.write(((bytes[i + 1] - '0') << 6) | ((bytes[i + 2] - '0') << 3) | (bytes[i + 3] - '0'));
                i += 3;
            } else {
                throw invalid(PgOids.BYTEA, text);
            }
        }
        return result.toByteArray();
    }

    private static boolean isOctal(byte value) {
        return value >= '0' && value <= '7';
    }

    /** A timestamp with an optional offset ({@code +00}, {@code -08}, {@code +05:30}, {@code Z}); none is UTC. */
    private static OffsetDateTime timestampTz(String text) {
        int timeStart = Math.max(text.indexOf(' '), text.indexOf('T'));
        int offsetStart = -1;
        for (int i = text.length() - 1; i > timeStart && timeStart > 0; i--) {
            char each = text.charAt(i);
            if (each == '+' || each == '-' || each == 'Z') {
                offsetStart = i;
                break;
            }
        }
        if (offsetStart < 0) {
            return LocalDateTime.parse(text, TIMESTAMP).atOffset(ZoneOffset.UTC);
        }
        String offset = text.substring(offsetStart).trim();
        LocalDateTime local = LocalDateTime.parse(text.substring(0, offsetStart).trim(), TIMESTAMP);
        try {
            return local.atOffset(offset.equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(offset));
        } catch (DateTimeException ex) {
            throw new DateTimeParseException("invalid offset", text, offsetStart);
        }
    }

    private static QueryException invalid(int oid, String text) {
        String shown = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        return new QueryException(SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type " + typeName(oid) + ": \"" + shown + "\"");
    }

    /** The PostgreSQL name of a type this class decodes, for error messages. */
    static String typeName(int oid) {
        return switch (oid) {
            case PgOids.BOOL -> "boolean";
            case PgOids.INT2 -> "smallint";
            case PgOids.INT4 -> "integer";
            case PgOids.INT8 -> "bigint";
            case PgOids.OID -> "oid";
            case PgOids.FLOAT4 -> "real";
            case PgOids.FLOAT8 -> "double precision";
            case PgOids.NUMERIC -> "numeric";
            case PgOids.BYTEA -> "bytea";
            case PgOids.DATE -> "date";
            case PgOids.TIME -> "time without time zone";
            case PgOids.TIMESTAMP -> "timestamp without time zone";
            case PgOids.TIMESTAMPTZ -> "timestamp with time zone";
            case PgOids.UUID -> "uuid";
            default -> "oid " + oid;
        };
    }
}

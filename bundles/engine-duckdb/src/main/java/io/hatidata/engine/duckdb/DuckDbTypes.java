package io.hatidata.engine.duckdb;

import io.hatidata.api.query.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Maps DuckDB column types (as {@code ResultSetMetaData.getColumnTypeName} spells them) to PostgreSQL
 * types, and reads each value as the Java type {@link ColumnType} promises. Types PostgreSQL has no
 * counterpart for (STRUCT, MAP, UNION, ENUM, BIT, nested lists) travel as text.
 */
final class DuckDbTypes {
    private static final java.util.regex.Pattern MONTHS = java.util.regex.Pattern.compile("(-?\\d+) month(s?)\\b");

    private DuckDbTypes() {}

    /** The PostgreSQL type of a DuckDB column type name. */
    static ColumnType columnType(String duckDbTypeName) {
        String name = duckDbTypeName.toUpperCase(Locale.ROOT).trim();
        if (name.endsWith("[]")) {
            return arrayType(name.substring(0, name.length() - 2));
        }
        if (name.startsWith("DECIMAL")) {
            return ColumnType.NUMERIC;
        }
        return switch (name) {
            case "BOOLEAN" -> ColumnType.BOOL;
            case "TINYINT", "SMALLINT", "UTINYINT" -> ColumnType.INT2;
            case "INTEGER", "USMALLINT" -> ColumnType.INT4;
            case "BIGINT", "UINTEGER" -> ColumnType.INT8;
            case "HUGEINT", "UBIGINT", "UHUGEINT", "VARINT", "BIGNUM" -> ColumnType.NUMERIC;
            case "FLOAT" -> ColumnType.FLOAT4;
            case "DOUBLE" -> ColumnType.FLOAT8;
            case "BLOB" -> ColumnType.BYTEA;
            case "DATE" -> ColumnType.DATE;
            case "TIME" -> ColumnType.TIME;
            case "TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS" -> ColumnType.TIMESTAMP;
            case "TIMESTAMP WITH TIME ZONE" -> ColumnType.TIMESTAMPTZ;
            case "INTERVAL" -> ColumnType.INTERVAL;
            case "UUID" -> ColumnType.UUID;
            case "JSON" -> ColumnType.JSON;
            default -> ColumnType.TEXT;
        };
    }

    private static ColumnType arrayType(String elementTypeName) {
        if (elementTypeName.endsWith("[]")) {
            return ColumnType.TEXT;
        }
        return switch (columnType(elementTypeName)) {
            case BOOL -> ColumnType.BOOL_ARRAY;
            case INT2, INT4 -> ColumnType.INT4_ARRAY;
            case INT8 -> ColumnType.INT8_ARRAY;
            case FLOAT4, FLOAT8 -> ColumnType.FLOAT8_ARRAY;
            case TEXT, VARCHAR -> ColumnType.TEXT_ARRAY;
            default -> ColumnType.TEXT;
        };
    }

    /** Reads column {@code index} (1-based) of the current row as the Java type of {@code type}. */
    static Object read(ResultSet rows, int index, ColumnType type) throws SQLException {
        Object value = rows.getObject(index);
        if (value == null) {
            return null;
        }
        return switch (type) {
            case BOOL -> value instanceof Boolean ? value : Boolean.valueOf(value.toString());
            case INT2 -> ((Number) value).shortValue();
            case INT4 -> ((Number) value).intValue();
            case INT8 -> ((Number) value).longValue();
            case FLOAT4 -> ((Number) value).floatValue();
            case FLOAT8 -> ((Number) value).doubleValue();
            case NUMERIC -> numeric(value);
            case BYTEA -> bytes(value);
            case DATE -> value instanceof LocalDate ? value : rows.getObject(index, LocalDate.class);
            case TIME -> value instanceof LocalTime ? value : rows.getObject(index, LocalTime.class);
            case TIMESTAMP -> value instanceof Timestamp timestamp
                    ? timestamp.toLocalDateTime()
                    : rows.getObject(index, LocalDateTime.class);
            case TIMESTAMPTZ -> value instanceof OffsetDateTime ? value : rows.getObject(index, OffsetDateTime.class);
            case UUID -> value instanceof UUID ? value : UUID.fromString(value.toString());
            case BOOL_ARRAY, INT4_ARRAY, INT8_ARRAY, FLOAT8_ARRAY, TEXT_ARRAY -> list((Array) value, type);
            case INTERVAL -> postgresInterval(rows.getString(index));
            // text, json and DuckDB-only types: DuckDB's own text form
            default -> rows.getString(index);
        };
    }

    /**
     * DuckDB writes intervals as PostgreSQL's {@code postgres} style does ({@code 1 year 2 months 3 days
     * 04:05:06}) except that PostgreSQL says {@code mon}/{@code mons}, which clients' parsers expect.
     */
    static String postgresInterval(String duckDbText) {
        return duckDbText == null ? null : MONTHS.matcher(duckDbText).replaceAll("$1 mon$2");
    }

    private static BigDecimal numeric(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        return new BigDecimal(value.toString());
    }

    private static byte[] bytes(Object value) throws SQLException {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        Blob blob = (Blob) value;
        long length = blob.length();
        if (length > Integer.MAX_VALUE) {
            throw new SQLException("a BLOB value over 2 GiB cannot be sent", "54000");
        }
        return blob.getBytes(1, (int) length);
    }

    private static List<Object> list(Array array, ColumnType type) throws SQLException {
        Object[] elements = (Object[]) array.getArray();
        List<Object> result = new ArrayList<>(elements.length);
        for (Object each : elements) {
            result.add(each == null ? null : element(each, type));
        }
        return result;
    }

    private static Object element(Object value, ColumnType arrayType) {
        return switch (arrayType) {
            case BOOL_ARRAY -> value instanceof Boolean ? value : Boolean.valueOf(value.toString());
            case INT4_ARRAY -> ((Number) value).intValue();
            case INT8_ARRAY -> ((Number) value).longValue();
            case FLOAT8_ARRAY -> ((Number) value).doubleValue();
            default -> value.toString();
        };
    }
}

package io.hatidata.shadow;

import io.hatidata.api.query.Column;
import io.hatidata.api.query.ColumnType;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Reads a source's JDBC result into the product's result model: each column's PostgreSQL type name picks
 * a {@link ColumnType}, and values are read as that type's Java class, so the client sees the source's
 * types. Types without a counterpart travel as text.
 */
final class JdbcResults {
    private JdbcResults() {}

    static List<Column> columns(ResultSetMetaData meta) throws SQLException {
        List<Column> result = new ArrayList<>(meta.getColumnCount());
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            result.add(new Column(meta.getColumnLabel(i), type(meta.getColumnTypeName(i))));
        }
        return result;
    }

    static ColumnType type(String typeName) {
        return switch (typeName == null ? "" : typeName.toLowerCase(Locale.ROOT)) {
            case "bool" -> ColumnType.BOOL;
            case "bytea" -> ColumnType.BYTEA;
            case "int8", "bigserial" -> ColumnType.INT8;
            case "int2" -> ColumnType.INT2;
            case "int4", "serial", "oid" -> ColumnType.INT4;
            case "json" -> ColumnType.JSON;
            case "jsonb" -> ColumnType.JSONB;
            case "float4" -> ColumnType.FLOAT4;
            case "float8" -> ColumnType.FLOAT8;
            case "varchar", "bpchar", "name" -> ColumnType.VARCHAR;
            case "date" -> ColumnType.DATE;
            case "time" -> ColumnType.TIME;
            case "timestamp" -> ColumnType.TIMESTAMP;
            case "timestamptz" -> ColumnType.TIMESTAMPTZ;
            case "interval" -> ColumnType.INTERVAL;
            case "numeric" -> ColumnType.NUMERIC;
            case "uuid" -> ColumnType.UUID;
            case "_text", "_varchar" -> ColumnType.TEXT_ARRAY;
            case "_int4" -> ColumnType.INT4_ARRAY;
            case "_int8" -> ColumnType.INT8_ARRAY;
            case "_float8" -> ColumnType.FLOAT8_ARRAY;
            case "_bool" -> ColumnType.BOOL_ARRAY;
            default -> ColumnType.TEXT;
        };
    }

    /** Streams every row to the sink; returns how many. */
    static long stream(ResultSet rows, List<Column> columns, ResultSink sink) throws SQLException, QueryException {
        long count = 0;
        while (rows.next()) {
            Object[] values = new Object[columns.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = value(rows, i + 1, columns.get(i).type());
            }
            sink.row(values);
            count++;
        }
        return count;
    }

    static Object value(ResultSet rows, int index, ColumnType type) throws SQLException {
        Object result = switch (type) {
            case BOOL -> rows.getBoolean(index);
            case BYTEA -> rows.getBytes(index);
            case INT8 -> rows.getLong(index);
            case INT2 -> rows.getShort(index);
            case INT4 -> rows.getInt(index);
            case FLOAT4 -> rows.getFloat(index);
            case FLOAT8 -> rows.getDouble(index);
            case NUMERIC -> rows.getBigDecimal(index);
            case DATE -> rows.getObject(index, LocalDate.class);
            case TIME -> rows.getObject(index, LocalTime.class);
            case TIMESTAMP -> rows.getObject(index, LocalDateTime.class);
            case TIMESTAMPTZ -> rows.getObject(index, OffsetDateTime.class);
            case UUID -> rows.getObject(index, UUID.class);
            case TEXT_ARRAY, INT4_ARRAY, INT8_ARRAY, FLOAT8_ARRAY, BOOL_ARRAY -> array(rows.getArray(index));
            default -> rows.getString(index);
        };
        return rows.wasNull() ? null : result;
    }

    private static Object array(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        Object[] elements = (Object[]) array.getArray();
        return new ArrayList<>(Arrays.asList(elements));
    }
}

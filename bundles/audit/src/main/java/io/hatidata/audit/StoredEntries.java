package io.hatidata.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads stored entries back into the column values they were hashed from. */
final class StoredEntries {
    private StoredEntries() {}

    /** The columns of the trail, as stored, from the current row (selected by column name). */
    static Map<String, Object> values(ResultSet row, AuditLogKind kind) throws SQLException {
        Map<String, Object> result = new LinkedHashMap<>();
        for (AuditColumn each : kind.columns()) {
            Object value = switch (each.kind()) {
                case TEXT -> row.getString(each.name());
                case LONG -> {
                    long number = row.getLong(each.name());
                    yield row.wasNull() ? null : (Object) number;
                }
                case BOOL -> {
                    boolean flag = row.getBoolean(each.name());
                    yield row.wasNull() ? null : (Object) flag;
                }
            };
            result.put(each.name(), value);
        }
        return result;
    }
}

package io.hatidata.audit;

/**
 * One stored column of an audit entry: its name, its kind and, for text, its maximum length in characters
 * (longer values are cut before hashing, so the stored text is exactly what was hashed).
 */
record AuditColumn(String name, Kind kind, int size) {
    enum Kind {
        TEXT,
        LONG,
        BOOL
    }

    static AuditColumn text(String name, int size) {
        return new AuditColumn(name, Kind.TEXT, size);
    }

    static AuditColumn number(String name) {
        return new AuditColumn(name, Kind.LONG, 0);
    }

    static AuditColumn bool(String name) {
        return new AuditColumn(name, Kind.BOOL, 0);
    }

    /** The column's SQL type in Derby. */
    String sqlType() {
        return switch (kind) {
            case TEXT -> "VARCHAR(" + size + ")";
            case LONG -> "BIGINT";
            case BOOL -> "BOOLEAN";
        };
    }

    /** The value as stored: text cut to the size, numbers as {@code Long}; {@code null} stays null. */
    Object normalize(Object value) {
        if (value == null) {
            return null;
        }
        return switch (kind) {
            case TEXT -> {
                String text = value.toString();
                yield text.length() <= size ? text : text.substring(0, size);
            }
            case LONG -> ((Number) value).longValue();
            case BOOL -> (Boolean) value;
        };
    }
}

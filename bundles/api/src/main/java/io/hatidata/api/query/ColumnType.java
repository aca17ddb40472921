package io.hatidata.api.query;

/**
 * The column types a result can carry, each with the PostgreSQL type OID and length a client expects in
 * a RowDescription, and the Java type of its values in {@link ResultSink#row(Object[])}.
 *
 * <p>Types without a natural JDK value (interval, json) travel as their PostgreSQL text form.
 */
public enum ColumnType {
    /** {@code bool}, values are {@link Boolean}. */
    BOOL(16, 1),
    /** {@code bytea}, values are {@code byte[]}. */
    BYTEA(17, -1),
    /** {@code int8}, values are {@link Long}. */
    INT8(20, 8),
    /** {@code int2}, values are {@link Short}. */
    INT2(21, 2),
    /** {@code int4}, values are {@link Integer}. */
    INT4(23, 4),
    /** {@code text}, values are {@link String}. */
    TEXT(25, -1),
    /** {@code json}, values are {@link String}. */
    JSON(114, -1),
    /** {@code float4}, values are {@link Float}. */
    FLOAT4(700, 4),
    /** {@code float8}, values are {@link Double}. */
    FLOAT8(701, 8),
    /** {@code varchar}, values are {@link String}. */
    VARCHAR(1043, -1),
    /** {@code date}, values are {@link java.time.LocalDate}. */
    DATE(1082, 4),
    /** {@code time}, values are {@link java.time.LocalTime}. */
    TIME(1083, 8),
    /** {@code timestamp}, values are {@link java.time.LocalDateTime}. */
    TIMESTAMP(1114, 8),
    /** {@code timestamptz}, values are {@link java.time.OffsetDateTime}. */
    TIMESTAMPTZ(1184, 8),
    /** {@code interval}, values are {@link String} in PostgreSQL's output form. */
    INTERVAL(1186, 16),
    /** {@code numeric}, values are {@link java.math.BigDecimal} (or a huge {@link java.math.BigInteger}). */
    NUMERIC(1700, -1),
    /** {@code uuid}, values are {@link java.util.UUID}. */
    UUID(2950, 16),
    /** {@code jsonb}, values are {@link String}. */
    JSONB(3802, -1),
    /** {@code text[]}, values are {@link java.util.List} of element values. */
    TEXT_ARRAY(1009, -1),
    /** {@code int4[]}, values are {@link java.util.List} of {@link Integer}. */
    INT4_ARRAY(1007, -1),
    /** {@code int8[]}, values are {@link java.util.List} of {@link Long}. */
    INT8_ARRAY(1016, -1),
    /** {@code float8[]}, values are {@link java.util.List} of {@link Double}. */
    FLOAT8_ARRAY(1022, -1),
    /** {@code bool[]}, values are {@link java.util.List} of {@link Boolean}. */
    BOOL_ARRAY(1000, -1);

    private final int oid;
    private final int length;

    ColumnType(int oid, int length) {
        this.oid = oid;
        this.length = length;
    }

    /** The PostgreSQL type OID ({@code pg_type.oid}). */
    public int oid() {
        return oid;
    }

    /** The PostgreSQL type length ({@code pg_type.typlen}); -1 for variable-length types. */
    public int length() {
        return length;
    }
}

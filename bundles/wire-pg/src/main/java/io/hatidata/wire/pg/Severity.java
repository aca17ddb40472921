package io.hatidata.wire.pg;

/**
 * The severity of an ErrorResponse, as PostgreSQL spells it in the {@code S} and {@code V} fields.
 * {@link #FATAL} tells the client the connection ends; {@link #ERROR} only the current query.
 */
enum Severity {
    ERROR,
    FATAL
}

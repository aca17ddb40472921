package io.hatidata.wire.pg;

import io.netty.handler.codec.DecoderException;
import java.util.Objects;

/**
 * A frontend broke the protocol in a way that ends the connection: the handler answers with a
 * {@code FATAL} ErrorResponse carrying {@link #sqlState()} and closes. Thrown by the decoders; a
 * {@link DecoderException} so that Netty's {@code ByteToMessageDecoder} passes it on unwrapped.
 */
final class PgProtocolException extends DecoderException {
    private static final long serialVersionUID = 1L;

    private final String sqlState;

    PgProtocolException(String sqlState, String message) {
        super(message);
        this.sqlState = Objects.requireNonNull(sqlState, "sqlState");
    }

    /** The SQLSTATE the client sees. */
    String sqlState() {
        return sqlState;
    }
}

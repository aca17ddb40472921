package io.hatidata.wire.pg;

/**
 * SSLRequest and GSSENCRequest: this server offers no encryption yet, so both are answered with the
 * single byte {@code 'N'}; the client then continues unencrypted with its StartupMessage (or gives up,
 * if it requires encryption). TLS slots in here: answer {@code 'S'} and insert an {@code SslHandler} in
 * front of {@link PgFrameDecoder} — and refuse the connection if plaintext bytes already follow the
 * SSLRequest in the buffer (they would bypass TLS, as in CVE-2021-23214).
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-SSL">PostgreSQL:
 *     SSL Session Encryption</a>
 */
final class EncryptionRequestHandler {

    private EncryptionRequestHandler() {}

    static void handle(PgConnection connection) {
        connection.sendAndFlush(BackendMessages.encryptionRefused(connection.alloc()));
    }
}

package io.hatidata.wire.pg;

import io.hatidata.api.query.SqlState;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import javax.net.ssl.SSLSession;

/**
 * SSLRequest and GSSENCRequest, the packets a client sends before its StartupMessage to ask for encryption.
 *
 * <pre>
 *   SSLRequest, TLS enabled      → 'S', SslHandler inserted in front of PgFrameDecoder; the client starts
 *                                  the TLS handshake and sends its StartupMessage encrypted
 *   SSLRequest, TLS disabled     → 'N'; the client continues unencrypted (or gives up, if it requires TLS)
 *   GSSENCRequest                → 'N' (no GSSAPI)
 *   SSLRequest with bytes after  → FATAL 08P01: the bytes were sent before the handshake, unencrypted, and
 *                                  may have been injected (CVE-2021-23214)
 *   SSLRequest once encrypted    → FATAL 08P01
 * </pre>
 *
 * <p>Whether a connection is encrypted is recorded in its pipeline: the {@value #TLS_HANDLER} handler is
 * present exactly when everything after the SSLRequest went through TLS ({@link #encrypted}).
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-SSL">PostgreSQL:
 *     SSL Session Encryption</a>
 */
final class EncryptionRequestHandler {
    /** Name of the TLS handler in the channel pipeline, in front of {@link PgChannelInitializer#FRAME_DECODER}. */
    static final String TLS_HANDLER = "pg-tls";

    private EncryptionRequestHandler() {}

    static void handle(PgConnection connection, FrontendMessage message) {
        SslContext sslContext = connection.server().sslContext();
        if (message instanceof FrontendMessage.SslRequest && sslContext != null) {
            startTls(connection, sslContext);
        } else {
            connection.sendAndFlush(BackendMessages.encryptionRefused(connection.alloc()));
        }
    }

    private static void startTls(PgConnection connection, SslContext sslContext) {
        Channel channel = connection.channel();
        ChannelPipeline pipeline = channel.pipeline();
        if (encrypted(channel)) {
            connection.fatal(SqlState.PROTOCOL_VIOLATION, "SSLRequest on an encrypted connection");
            return;
        }
        PgFrameDecoder decoder = pipeline.get(PgFrameDecoder.class);
        if (decoder != null && decoder.bufferedBytes() > 0) {
            connection.fatal(SqlState.PROTOCOL_VIOLATION, "received unencrypted data after SSL request");
            return;
        }
        // On the event loop the 'S' passes the pipeline now, before the TLS handler is there: it goes out in
        // plaintext; every byte read or written afterwards goes through TLS.
        connection.sendAndFlush(BackendMessages.encryptionAccepted(connection.alloc()));
        pipeline.addBefore(PgChannelInitializer.FRAME_DECODER, TLS_HANDLER, sslContext.newHandler(channel.alloc()));
    }

    /** Whether the connection's bytes after its SSLRequest go through TLS. */
    static boolean encrypted(Channel channel) {
        return channel.pipeline().get(TLS_HANDLER) != null;
    }

    /** The negotiated TLS version and cipher suite, such as {@code TLSv1.3 TLS_AES_256_GCM_SHA384}, or "none". */
    static String describe(Channel channel) {
        SslHandler handler = (SslHandler) channel.pipeline().get(TLS_HANDLER);
        if (handler == null) {
            return "none";
        }
        SSLSession session = handler.engine().getSession();
        return session.getProtocol() + " " + session.getCipherSuite();
    }
}

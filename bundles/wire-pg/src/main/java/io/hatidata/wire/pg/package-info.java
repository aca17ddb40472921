/**
 * The PostgreSQL frontend/backend protocol (version 3.0) on Netty: clients such as {@code psql}, pgjdbc
 * or any PostgreSQL driver connect, authenticate with an API key as cleartext password, and run
 * statements through the {@link io.hatidata.api.pipeline.Pipeline}.
 *
 * <p>Per connection the channel pipeline is {@link io.hatidata.wire.pg.PgFrameDecoder} (framing only,
 * one typed {@link io.hatidata.wire.pg.FrontendMessage} per frame) followed by
 * {@link io.hatidata.wire.pg.PgConnectionHandler}, which dispatches each message to one small handler
 * class per message and never runs slow work on the event loop. Backend messages are written by
 * {@link io.hatidata.wire.pg.BackendMessages}, one method per message.
 *
 * <p>TLS is negotiated on the same port: an SSLRequest is answered {@code 'S'} and
 * {@link io.hatidata.wire.pg.EncryptionRequestHandler} puts Netty's {@code SslHandler} in front of the
 * decoder; the server's {@code SslContext} comes from {@link io.hatidata.wire.pg.ServerSslContexts} (PEM
 * files, a key store, or a self-signed certificate kept in the data folder).
 *
 * <p>Both the simple and the extended query protocol are served: Parse, Bind, Describe, Execute and
 * Close each have their handler; a connection's prepared statements and portals live in
 * {@link io.hatidata.wire.pg.ExtendedQueryState}, and a portal suspended at an Execute row limit keeps its
 * statement worker through {@link io.hatidata.wire.pg.PortalExecution}.
 *
 * <p>Private: this bundle exports nothing, so it can be replaced without refreshing other bundles.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol.html">PostgreSQL: Frontend/Backend
 *     Protocol</a>
 */
package io.hatidata.wire.pg;

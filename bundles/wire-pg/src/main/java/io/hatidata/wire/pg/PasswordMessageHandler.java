package io.hatidata.wire.pg;

import io.hatidata.api.identity.AuthenticationException;
import io.hatidata.api.identity.AuthenticationUnavailableException;
import io.hatidata.api.identity.Authenticator;
import io.hatidata.api.identity.Credentials;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.query.SqlState;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PasswordMessage: checks the password with the {@link Authenticator} on the statement executor (it
 * hashes with Argon2id and blocks for tens of milliseconds), then either
 *
 * <pre>
 *   AuthenticationOk, ParameterStatus × n, BackendKeyData, ReadyForQuery 'I'
 * </pre>
 *
 * or a FATAL ErrorResponse {@code 28P01} and the end of the connection. The password is never logged.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-START-UP">
 *     PostgreSQL: Start-up</a>
 */
final class PasswordMessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PasswordMessageHandler.class);

    private PasswordMessageHandler() {}

    static void handle(PgConnection connection, FrontendMessage.PasswordMessage message) {
        Credentials credentials = new Credentials(
                connection.userName(), message.password(), connection.database(), connection.remoteAddress());
        connection.authenticating();
        connection.offload(
                () -> authenticate(connection, credentials),
                () -> connection.fatal(SqlState.TOO_MANY_CONNECTIONS, StatementExecutor.BUSY));
    }

    private static void authenticate(PgConnection connection, Credentials credentials) {
        Authenticator authenticator = connection.server().authenticator();
        if (authenticator == null) {
            connection.fatal(SqlState.SYSTEM_ERROR, "authentication is not available");
            return;
        }
        AuthenticationThrottle throttle = connection.server().throttle();
        String host = AuthenticationThrottle.host(credentials.remoteAddress());
        if (throttle.isBlocked(host)) {
            LOG.warn("Refusing authentication from {}: too many failed attempts", host);
            connection.fatal(SqlState.CONNECTION_REJECTED, "too many failed authentication attempts; retry later");
            return;
        }
        Identity identity;
        try {
            identity = authenticator.authenticate(credentials);
        } catch (AuthenticationUnavailableException ex) {
            LOG.warn("Authentication unavailable for user {} from {}: {}",
                    printable(credentials.userName()), credentials.remoteAddress(), ex.getMessage());
            connection.fatal(SqlState.CANNOT_CONNECT_NOW, ex.getMessage());
            return;
        } catch (AuthenticationException ex) {
            throttle.failed(host);
            LOG.info("Password authentication failed for user {} from {}",
                    printable(credentials.userName()), credentials.remoteAddress());
            connection.fatal(SqlState.INVALID_PASSWORD,
                    "password authentication failed for user \"" + credentials.userName() + "\"");
            return;
        } catch (RuntimeException | LinkageError | StackOverflowError ex) {
            LOG.error("Authenticator failed for user {} from {}", printable(credentials.userName()),
                    credentials.remoteAddress(), ex);
            connection.fatal(SqlState.INTERNAL_ERROR, "internal error");
            return;
        }
        throttle.succeeded(host);
        // the client's address as the server saw it, for the audit trail; overrides a client-sent parameter of that name
        Map<String, String> parameters = new java.util.HashMap<>(connection.startupParameters());
        parameters.put("client_address", host);
        Session session = new Session(connection.server().newId("sess_"), identity, parameters);
        connection.sessionParameters().snapshot().forEach(session::setting);
        BackendKey key = connection.authenticated(session);
        LOG.debug("Session {} opened for user {} from {}", session.id(), identity.userName(), credentials.remoteAddress());
        ByteBufAllocator alloc = connection.alloc();
        connection.send(BackendMessages.authenticationOk(alloc));
        for (Map.Entry<String, String> each : parameterStatus(connection)) {
            connection.send(BackendMessages.parameterStatus(alloc, each.getKey(), each.getValue()));
        }
        connection.send(BackendMessages.backendKeyData(alloc, key));
        connection.sendAndFlush(BackendMessages.readyForQuery(alloc, connection.transactionStatus()));
    }

    /** The run-time parameters reported to the client, in the order PostgreSQL reports them. */
    static List<Map.Entry<String, String>> parameterStatus(PgConnection connection) {
        return List.of(
                Map.entry("application_name", connection.startupParameters().getOrDefault("application_name", "")),
                Map.entry("client_encoding", "UTF8"),
                Map.entry("DateStyle", "ISO, MDY"),
                Map.entry("integer_datetimes", "on"),
                Map.entry("IntervalStyle", "postgres"),
                Map.entry("is_superuser", "off"),
                Map.entry("server_encoding", "UTF8"),
                Map.entry("server_version", PgServer.SERVER_VERSION),
                Map.entry("session_authorization", connection.userName()),
                Map.entry("standard_conforming_strings", "on"),
                Map.entry("TimeZone", "UTC"));
    }

    /** A client-chosen name for a log line: control characters replaced, so it cannot forge log lines. */
    static String printable(String name) {
        StringBuilder result = new StringBuilder(Math.min(name.length(), 128));
        for (int i = 0; i < name.length() && i < 128; i++) {
            char c = name.charAt(i);
            result.append(Character.isISOControl(c) ? '?' : c);
        }
        return result.toString();
    }
}

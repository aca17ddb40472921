package io.hatidata.wire.pg;

import io.hatidata.api.query.SqlState;
import java.util.List;
import java.util.Map;

/**
 * StartupMessage: checks TLS (when {@code tlsRequired}), the connection limit, the user name and the
 * database, remembers the parameters and asks for the password with AuthenticationCleartextPassword (the
 * password is an API key: use TLS beyond loopback). Any failure is FATAL and ends the connection; a
 * plaintext connection while TLS is required gets {@code 28000}, as PostgreSQL's pg_hba rejections do.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-START-UP">
 *     PostgreSQL: Start-up</a>
 */
final class StartupMessageHandler {
    private StartupMessageHandler() {}

    /** Startup parameters with this prefix are protocol options, which this server does not implement. */
    static final String PROTOCOL_OPTION_PREFIX = "_pq_.";

    static void handle(PgConnection connection, FrontendMessage.StartupMessage message) {
        PgSettings settings = connection.server().settings();
        if (settings.tls().required() && !EncryptionRequestHandler.encrypted(connection.channel())) {
            connection.fatal(SqlState.INVALID_AUTHORIZATION, "TLS is required: connect with sslmode=require");
            return;
        }
        if (connection.server().openConnections() > settings.maxConnections()) {
            connection.fatal(SqlState.TOO_MANY_CONNECTIONS, "sorry, too many clients already");
            return;
        }
        Map<String, String> parameters = message.parameters();
        String user = parameters.getOrDefault("user", "");
        if (user.isEmpty()) {
            connection.fatal(SqlState.INVALID_AUTHORIZATION, "no PostgreSQL user name specified in startup packet");
            return;
        }
        String database = parameters.getOrDefault("database", "");
        if (database.isEmpty()) {
            database = user;
        }
        if (!settings.databaseNames().contains(database)) {
            connection.fatal(SqlState.INVALID_CATALOG_NAME, "database \"" + database + "\" does not exist");
            return;
        }
        List<String> protocolOptions = parameters.keySet().stream()
                .filter(name -> name.startsWith(PROTOCOL_OPTION_PREFIX)).sorted().toList();
        if (message.minorVersion() > 0 || !protocolOptions.isEmpty()) {
            // as PostgreSQL: tell a newer client what we speak (3.0, no protocol options) and carry on
            connection.send(BackendMessages.negotiateProtocolVersion(connection.alloc(), 0, protocolOptions));
        }
        connection.startupReceived(user, database, parameters);
        connection.sendAndFlush(BackendMessages.authenticationCleartextPassword(connection.alloc()));
    }
}

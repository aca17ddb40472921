package io.hatidata.wire.pg;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CancelRequest: arrives on a connection of its own, carrying the backend key of the connection whose
 * statement should stop. The key is looked up in the {@link BackendKeyRegistry} (the secret compared in
 * constant time) and the connection's session is {@linkplain io.hatidata.api.pipeline.Session#cancel()
 * cancelled}: the running statement fails with 57014 on its own connection. Like PostgreSQL, the cancel
 * connection gets no answer either way and is closed, so a wrong key reveals nothing.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-CANCELING-REQUESTS">
 *     PostgreSQL: Canceling Requests in Progress</a>
 */
final class CancelRequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CancelRequestHandler.class);

    private CancelRequestHandler() {}

    static void handle(PgConnection connection, FrontendMessage.CancelRequest request) {
        Optional<PgConnection> target = connection.server().backendKeys().find(request.key());
        if (target.isPresent()) {
            LOG.debug("Cancel request from {} for process {}", connection.remoteAddress(), request.key().processId());
            target.get().cancelRunningStatement();
        } else {
            LOG.debug("Cancel request from {} with an unknown backend key", connection.remoteAddress());
        }
        connection.close();
    }
}

package io.hatidata.wire.pg;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CancelRequest: arrives on a connection of its own, carrying the backend key of the connection whose
 * statement should stop. PostgreSQL never answers it and closes the connection. Cancelling itself is not
 * implemented yet; the key is looked up in the {@link BackendKeyRegistry}, which is where it slots in.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-CANCELING-REQUESTS">
 *     PostgreSQL: Canceling Requests in Progress</a>
 */
final class CancelRequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CancelRequestHandler.class);

    private CancelRequestHandler() {}

    static void handle(PgConnection connection, FrontendMessage.CancelRequest request) {
        boolean known = connection.server().backendKeys().find(request.key()).isPresent();
        LOG.debug("Cancel request from {} for {} connection: cancelling is not supported yet",
                connection.remoteAddress(), known ? "a known" : "an unknown");
        connection.close();
    }
}

package io.hatidata.wire.pg;

import io.hatidata.api.query.SqlState;

/**
 * Parse, Bind, Describe, Execute and Close — the extended query protocol, not supported yet. The first of
 * them after a Sync is answered with ErrorResponse {@code 0A000}; like any error in the extended
 * protocol, it makes the server ignore every further extended message until the next Sync, which
 * {@link SyncHandler} answers with ReadyForQuery. Clients such as pgjdbc work with
 * {@code preferQueryMode=simple}.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY">
 *     PostgreSQL: Extended Query</a>
 */
final class ExtendedQueryHandler {
    static final String NOT_SUPPORTED =
            "the extended query protocol is not supported yet; connect with preferQueryMode=simple";

    private ExtendedQueryHandler() {}

    static void handle(PgConnection connection, FrontendMessage.ExtendedQueryMessage message) {
        if (connection.ignoringTillSync()) {
            return;
        }
        connection.ignoreTillSync(true);
        connection.sendAndFlush(BackendMessages.errorResponse(
                connection.alloc(), Severity.ERROR, SqlState.FEATURE_NOT_SUPPORTED, NOT_SUPPORTED));
    }
}

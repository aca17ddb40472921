package io.hatidata.wire.pg;

/**
 * Close: forgets a prepared statement ('S') or portal ('P') and answers CloseComplete ('3'); closing one
 * that does not exist is not an error. Closing a suspended portal releases its statement worker, which
 * cancels the statement. Runs on the event loop.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY">
 *     PostgreSQL: Extended Query</a>
 */
final class CloseHandler {

    private CloseHandler() {}

    static void handle(PgConnection connection, FrontendMessage.Close close) {
        if (connection.ignoringTillSync()) {
            return;
        }
        if (close.kind() == 'S') {
            connection.extendedQuery().closeStatement(close.name());
        } else {
            connection.extendedQuery().closePortal(close.name());
        }
        connection.send(BackendMessages.closeComplete(connection.alloc()));
    }
}

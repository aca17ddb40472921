package io.hatidata.wire.pg;

/**
 * Sync: ends an extended-protocol batch. Stops ignoring messages after an error and answers
 * ReadyForQuery with the session's real transaction status.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY">
 *     PostgreSQL: Extended Query</a>
 */
final class SyncHandler {

    private SyncHandler() {}

    static void handle(PgConnection connection) {
        connection.ignoreTillSync(false);
        connection.sendAndFlush(BackendMessages.readyForQuery(connection.alloc(), connection.transactionStatus()));
    }
}

package io.hatidata.wire.pg;

import io.hatidata.api.query.TransactionStatus;

/**
 * Sync: ends an extended-protocol batch. Stops ignoring messages after an error, closes every portal but
 * the cursors declared {@code WITH HOLD} when no transaction block is open (the implicit transaction ended,
 * as in PostgreSQL; a suspended portal's statement is cancelled), and answers ReadyForQuery with the
 * session's real transaction status.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY">
 *     PostgreSQL: Extended Query</a>
 */
final class SyncHandler {

    private SyncHandler() {}

    static void handle(PgConnection connection) {
        connection.ignoreTillSync(false);
        TransactionStatus status = connection.transactionStatus();
        if (status == TransactionStatus.IDLE) {
            connection.extendedQuery().closeTransactionPortals();
        }
        connection.sendAndFlush(BackendMessages.readyForQuery(connection.alloc(), status));
    }
}

package io.hatidata.api.query;

/** The transaction state of a session, as PostgreSQL's ReadyForQuery reports it. */
public enum TransactionStatus {
    /** No explicit transaction: each statement commits on its own. */
    IDLE,
    /** Inside an explicit transaction block. */
    IN_TRANSACTION,
    /** Inside a transaction block that failed: statements are refused until it is rolled back. */
    FAILED
}

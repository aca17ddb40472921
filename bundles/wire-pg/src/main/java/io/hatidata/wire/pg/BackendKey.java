package io.hatidata.wire.pg;

/**
 * The key a client needs to cancel a running statement of its connection, sent in {@code BackendKeyData}
 * and returned in {@code CancelRequest}.
 *
 * @param processId a per-server counter standing in for PostgreSQL's backend process id
 * @param secretKey a random secret, so that only the connection's client can cancel it
 */
record BackendKey(int processId, int secretKey) {
    @Override
    public String toString() {
        return "BackendKey[processId=" + processId + ", secretKey=<redacted>]";
    }
}

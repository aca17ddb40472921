package io.hatidata.api.sql;

/** What a statement does, for policies (read or write scope) and for audit. */
public enum StatementKind {
    /** {@code SELECT}, {@code WITH … SELECT}, {@code VALUES}, set operations: reads only. */
    QUERY,
    /** {@code INSERT}. */
    INSERT,
    /** {@code UPDATE}. */
    UPDATE,
    /** {@code DELETE} and {@code TRUNCATE}. */
    DELETE,
    /** {@code MERGE}. */
    MERGE,
    /** {@code CREATE}, {@code ALTER}, {@code DROP}, {@code COMMENT}: changes the catalog. */
    DDL,
    /**
     * Everything else: session and transaction control ({@code SET}, {@code SHOW}, {@code BEGIN},
     * {@code COMMIT}), {@code EXPLAIN}, {@code PRAGMA}, {@code COPY}, {@code CALL}.
     */
    UTILITY;

    /** Whether statements of this kind change data ({@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code MERGE}). */
    public boolean writesData() {
        return this == INSERT || this == UPDATE || this == DELETE || this == MERGE;
    }
}

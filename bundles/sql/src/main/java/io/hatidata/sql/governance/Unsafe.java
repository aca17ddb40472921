package io.hatidata.sql.governance;

import io.hatidata.api.sql.GovernedTable;

/** A statement the rewriter cannot prove safe for a governed table: refused with 42501. */
final class Unsafe extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient GovernedTable table;

    Unsafe(GovernedTable table, String reason) {
        super(reason);
        this.table = table;
    }

    GovernedTable table() {
        return table;
    }
}

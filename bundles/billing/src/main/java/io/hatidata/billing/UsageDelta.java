package io.hatidata.billing;

/** Statements, credits (thousandths) and rows to add to a roll-up row. Immutable, so merging is atomic. */
record UsageDelta(long queries, long milliCredits, long rows) {
    UsageDelta plus(UsageDelta other) {
        return new UsageDelta(queries + other.queries, milliCredits + other.milliCredits, rows + other.rows);
    }
}

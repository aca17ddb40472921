package io.hatidata.billing;

import io.hatidata.api.billing.QueryCounts;
import io.hatidata.api.billing.UsageTotals;

/** Sums usage slices into totals and per-kind statement counts. Not thread-safe (one request). */
final class UsageTally {
    private long queries;
    private long milli;
    private long rows;
    private long select;
    private long insert;
    private long update;
    private long delete;
    private long other;

    void add(String kind, UsageDelta usage) {
        queries += usage.queries();
        milli += usage.milliCredits();
        rows += usage.rows();
        switch (kind) {
            case "select" -> select += usage.queries();
            case "insert" -> insert += usage.queries();
            case "update" -> update += usage.queries();
            case "delete" -> delete += usage.queries();
            default -> other += usage.queries();
        }
    }

    UsageTotals totals() {
        return new UsageTotals(CreditFormula.credits(milli), queries, rows);
    }

    QueryCounts counts() {
        return new QueryCounts(queries, select, insert, update, delete, other);
    }
}

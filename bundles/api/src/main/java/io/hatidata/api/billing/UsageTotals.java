package io.hatidata.api.billing;

/**
 * Credits and statements summed over some slice of usage.
 *
 * @param credits credits consumed (multiples of 0.5, see {@code docs/billing.md})
 * @param queries statements metered
 * @param rows result rows (or rows changed) of those statements
 */
public record UsageTotals(double credits, long queries, long rows) {
    /** Nothing used. */
    public static final UsageTotals NONE = new UsageTotals(0, 0, 0);
}

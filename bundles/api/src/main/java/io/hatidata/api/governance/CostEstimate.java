package io.hatidata.api.governance;

/**
 * The projected cost of one statement, before it runs. The cost-estimate stage leaves the combined
 * estimate of all estimators in {@link io.hatidata.api.pipeline.QueryContext#attributes()} under
 * {@link #ATTRIBUTE}, for the quota check, the full-scan gate, metering and audit.
 *
 * @param credits the projected credits, {@code >= 0}
 * @param rows the projected number of rows read, or {@code -1} when unknown
 * @param fullScan whether the statement reads whole tables (it then also needs a full-scan slot)
 * @since 1.0.0
 */
public record CostEstimate(double credits, long rows, boolean fullScan) {

    /** The key of the estimate in the context's attributes. */
    public static final String ATTRIBUTE = "io.hatidata.api.governance.CostEstimate";

    public CostEstimate {
        if (!(credits >= 0)) {
            throw new IllegalArgumentException("credits must be >= 0: " + credits);
        }
        if (rows < -1) {
            throw new IllegalArgumentException("rows must be >= -1: " + rows);
        }
    }

    /** Nothing known: no credits, unknown rows. */
    public static CostEstimate unknown(boolean fullScan) {
        return new CostEstimate(0, -1, fullScan);
    }

    /**
     * This estimate combined with another for the same statement: the larger credits and rows, a full
     * scan if either says so.
     */
    public CostEstimate combine(CostEstimate other) {
        return new CostEstimate(
                Math.max(credits, other.credits), Math.max(rows, other.rows), fullScan || other.fullScan);
    }
}

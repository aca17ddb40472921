package io.hatidata.api.pipeline;

/**
 * The positions of the product's stages in the chain, for the {@link QueryStage#ORDER} property.
 *
 * <p>Stages that act on results (masking, metering, audit completion) sit before
 * {@link #EXECUTE} in the chain and act on the way back or by wrapping the result sink; the gaps
 * between positions leave room for custom stages.
 */
public final class StageOrder {
    /** Audit: writes the intent record before anything runs and completes it after. */
    public static final int AUDIT = 100;
    /** Admission: concurrency gate and priority queue. */
    public static final int ADMISSION = 200;
    /** Environment concurrency: refuses a statement beyond its environment's {@code max_concurrent_queries}. */
    public static final int ENVIRONMENT_CONCURRENCY = 250;
    /** Table extraction: parses once and records the statement kind and referenced tables. */
    public static final int TABLE_EXTRACTION = 300;
    /** Policy check: role permissions, key scopes, attribute-based rules. */
    public static final int POLICY = 400;
    /** Cost estimate. */
    public static final int COST_ESTIMATE = 500;
    /**
     * Full-scan gate: a statement the cost estimate classifies as a full scan also needs one of the few
     * full-scan slots (8 by default).
     *
     * @since 1.0.0
     */
    public static final int FULL_SCAN_GATE = 550;
    /** Quota check. */
    public static final int QUOTA = 600;
    /** Metering: wraps the sink to count what actually ran. */
    public static final int METERING = 650;
    /** Row filter: injects row-level predicates. */
    public static final int ROW_FILTER = 700;
    /** Column masking: rewrites governed references to masked projections. */
    public static final int COLUMN_MASKING = 750;
    /** Transpile: Snowflake dialect to the engine's dialect. */
    public static final int TRANSPILE = 800;
    /** Healing: retries once with a deterministic rewrite of a known-fixable error. */
    public static final int HEALING = 850;
    /** Query timeout: cancels the statement when it runs past its environment's {@code query_timeout_ms}. */
    public static final int QUERY_TIMEOUT = 900;
    /**
     * Snapshot pin: the statement reads one consistent snapshot of the environment's data.
     *
     * @since 1.0.0
     */
    public static final int SNAPSHOT_PIN = 950;
    /** Execute: runs the statement in the engine; the last stage, it does not proceed. */
    public static final int EXECUTE = 1000;

    private StageOrder() {}
}

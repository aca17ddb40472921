package io.hatidata.api.audit;

/**
 * Keys of {@link io.hatidata.api.pipeline.QueryContext#attributes()} that the query audit reads when it
 * writes a statement's completion record, so stages and providers can contribute to the record without
 * depending on the audit bundle. Every key is optional; a value of the wrong type is ignored.
 */
public final class AuditAttributes {
    /**
     * What policies decided: a {@code java.util.List} of {@link PolicyVerdict} (or of
     * {@link io.hatidata.api.governance.PolicyDecision}, recorded as {@code allow}/{@code deny}). Stages
     * append to the list they find, or put a new one.
     */
    public static final String POLICY_VERDICTS = "io.hatidata.api.audit.policyVerdicts";

    /** The columns masked in the result: a {@code java.util.Collection} of column names. */
    public static final String COLUMNS_MASKED = "io.hatidata.api.audit.columnsMasked";

    /** Whether the result came from a cache: a {@link Boolean}. */
    public static final String CACHE_HIT = "io.hatidata.api.audit.cacheHit";

    private AuditAttributes() {}
}

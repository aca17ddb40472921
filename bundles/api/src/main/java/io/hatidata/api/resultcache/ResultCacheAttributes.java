package io.hatidata.api.resultcache;

/**
 * Keys of {@link io.hatidata.api.pipeline.QueryContext#attributes()} through which other bundles tell the
 * result cache what it may do with a statement, without depending on the cache bundle. Whether a result
 * came from the cache is recorded under {@link io.hatidata.api.audit.AuditAttributes#CACHE_HIT}.
 */
public final class ResultCacheAttributes {
    /**
     * The environment's {@code cache_enabled} setting (SPEC §2.4) as the control plane knows it: a
     * {@link Boolean}. The result cache serves and stores results only when this is {@code TRUE}; a missing
     * value counts as off.
     */
    public static final String ENVIRONMENT_CACHE_ENABLED = "io.hatidata.api.resultcache.environmentCacheEnabled";

    private ResultCacheAttributes() {}
}

package io.hatidata.resultcache;

import io.hatidata.api.audit.AuditAttributes;
import io.hatidata.api.controlplane.DomainEvent;
import io.hatidata.api.controlplane.DomainEventListener;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryChain;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.QueryStage;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.policy.PolicyService;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import io.hatidata.api.query.TransactionStatus;
import io.hatidata.api.resultcache.ResultCacheAttributes;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.api.sql.StatementKind;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The result cache (order {@value #ORDER}: after every governance stage, the transpiler, healing, the
 * timeout and the snapshot pin, right before execute). A repeated read whose result is safe to reuse is
 * answered from memory; the stages before it (audit, admission, policy, quotas, row filters, masks,
 * metering) run for it as for any statement, so refusals, verdicts, metering and audit are unchanged and
 * the audit record says {@code cache_hit = true}.
 *
 * <p>Served and stored only when the node's configuration and the environment's {@code cache_enabled}
 * allow it, the session is outside a transaction block and has not changed its settings, and the
 * statement is an analysed, deterministic query of at least one table ({@link StatementRules}). Every
 * other statement passes through; those that may write move the versions of what they write
 * ({@link TableVersions}), held in flight until their transaction ends ({@link SessionCacheState}).
 * Policy changes ({@code policy.*} events) and environment changes drop the environment's entries.
 */
@Component(service = {QueryStage.class, DomainEventListener.class}, configurationPid = ResultCacheStage.PID,
        property = {QueryStage.ORDER + ":Integer=" + ResultCacheStage.ORDER, QueryStage.NAME + "=result-cache"})
@Designate(ocd = ResultCacheConfig.class)
public final class ResultCacheStage implements QueryStage, DomainEventListener {
    static final String PID = "io.hatidata.resultcache";
    /** Between snapshot pin (950) and execute (1000). */
    static final int ORDER = 975;
    static final String SESSION_RESOURCE = "io.hatidata.resultcache.session";
    private static final java.util.concurrent.atomic.AtomicLong INSTANCES = new java.util.concurrent.atomic.AtomicLong();
    private static final Logger LOG = LoggerFactory.getLogger(ResultCacheStage.class);

    /** The configuration, checked. */
    record Limits(boolean enabled, int maxEntries, long ttlNanos, int maxRowsPerEntry, long maxBytesPerEntry,
            long maxBytes, int maxTrackedTables) {
        static Limits of(ResultCacheConfig config) {
            return new Limits(config.enabled(), Math.max(1, config.maxEntries()),
                    TimeUnit.SECONDS.toNanos(Math.max(0, config.ttlSeconds())), Math.max(0, config.maxRowsPerEntry()),
                    Math.max(0, config.maxBytesPerEntry()), Math.max(1, config.maxBytes()),
                    Math.max(1, config.maxTrackedTables()));
        }
    }

    private final Limits limits;
    private final ResultCache cache;
    private final TableVersions versions;
    private final MacroNames macros = new MacroNames();
    /**
     * The session resource key of this instance: a re-activated stage (new configuration, bundle update)
     * has new versions, so the sessions' states of the previous instance must not be used with them.
     */
    private final String sessionResource = SESSION_RESOURCE + "." + INSTANCES.incrementAndGet();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PolicyService policies;

    @Activate
    public ResultCacheStage(ResultCacheConfig config) {
        this(Limits.of(config), System::nanoTime, null);
    }

    ResultCacheStage(Limits limits, LongSupplier clock, PolicyService policies) {
        this.limits = limits;
        this.cache = new ResultCache(limits.maxEntries(), limits.maxBytes(), limits.ttlNanos(), clock);
        this.versions = new TableVersions(limits.maxTrackedTables());
        this.policies = policies;
    }

    @Override
    public void process(QueryContext context, QueryChain chain) throws QueryException {
        if (!limits.enabled() || context.describeOnly()) {
            chain.proceed(context);
            return;
        }
        Session session = context.session();
        String environmentId = session.identity().environmentId();
        StatementAnalysis analysis = context.attributes().get(StatementAnalysis.ATTRIBUTE) instanceof StatementAnalysis a
                ? a : null;
        if (analysis != null && analysis.analyzed() && analysis.kind() == StatementKind.QUERY
                && !Boolean.TRUE.equals(context.attributes().get(ResultCacheAttributes.ENVIRONMENT_CACHE_ENABLED))) {
            // the common case of an environment without cache_enabled: a read changes nothing here
            chain.proceed(context);
            return;
        }
        SqlText text = SqlText.scan(context.sql());
        StatementRules.Effect effect = StatementRules.effect(analysis, text);
        SessionCacheState state = session.resource(sessionResource,
                () -> new SessionCacheState(versions, environmentId, session.transactionStatus()));
        try {
            if (effect.writes()) {
                macros.note(environmentId, StatementRules.macroDefined(text));
                if (effect.changesSession()) {
                    state.diverge();
                }
                state.hold(effect);
                chain.proceed(context);
            } else {
                read(context, chain, state, analysis, text);
            }
        } finally {
            state.releaseIfIdle(session.transactionStatus());
        }
    }

    private void read(QueryContext context, QueryChain chain, SessionCacheState state, StatementAnalysis analysis,
            SqlText text) throws QueryException {
        Session session = context.session();
        Identity identity = session.identity();
        String environmentId = identity.environmentId();
        if (!Boolean.TRUE.equals(context.attributes().get(ResultCacheAttributes.ENVIRONMENT_CACHE_ENABLED))
                || state.diverged() || state.holdsWrites() || session.transactionStatus() != TransactionStatus.IDLE
                || StatementRules.cacheability(analysis, text, name -> macros.defined(environmentId, name)) != null) {
            chain.proceed(context);
            return;
        }
        List<String> tables = StatementRules.tablesRead(analysis);
        TableVersions.Snapshot snapshot = versions.snapshot(environmentId, tables);
        String policyContext = policyContext(identity);
        if (snapshot == null || policyContext == null) {
            chain.proceed(context);
            return;
        }
        CacheKey key = new CacheKey(identity.organizationId(), environmentId, identity.userId(), identity.userName(),
                identity.keyId(), identity.role(), session.agentSetting("agent_id"), session.agentSetting("framework"),
                policyContext, text.normalized(), context.parameters(), snapshot);
        CachedResult hit = cache.get(key);
        if (hit != null) {
            if (session.cancelRequested()) {
                throw new QueryException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
            context.attributes().put(AuditAttributes.CACHE_HIT, Boolean.TRUE);
            hit.replay(context.sink());
            return;
        }
        CapturingSink capture = new CapturingSink(context.sink(), limits.maxRowsPerEntry(), limits.maxBytesPerEntry());
        chain.proceed(context.withSink(capture));
        CachedResult result = capture.result();
        // keep it only if no write started or ended meanwhile: then the result is the current data's
        if (result != null && session.transactionStatus() == TransactionStatus.IDLE
                && snapshot.equals(versions.snapshot(environmentId, tables))) {
            cache.put(key, result);
        }
    }

    private String policyContext(Identity identity) {
        try {
            return PolicyContext.of(policies, identity);
        } catch (RuntimeException ex) {
            LOG.debug("result cache bypassed: the policy context of {} could not be read", identity.environmentId(), ex);
            return null;
        }
    }


    /**
     * Policy changes make the environment's entries unreachable (the policy context in the key already
     * changed with the policy service's caches; this also frees their memory); an environment's update or
     * deletion drops its entries ({@code cache_enabled} may have been turned off).
     */
    @Override
    public void onEvent(DomainEvent event) {
        String type = event.type();
        if (type.startsWith("policy.")) {
            String environmentId = event.data().get("env_id");
            if (environmentId == null) {
                versions.invalidateAll();
                cache.clear();
            } else {
                dropEnvironment(environmentId);
            }
        } else if (type.equals("environment.updated") || type.equals("environment.deleted")) {
            dropEnvironment(event.resourceId());
        }
    }

    private void dropEnvironment(String environmentId) {
        versions.invalidateEnvironment(environmentId);
        int removed = cache.removeIf(key -> key.environmentId().equals(environmentId));
        LOG.debug("result cache: {} entries of {} dropped", removed, environmentId);
    }

    /** The key of this instance's session resource. */
    String sessionResource() {
        return sessionResource;
    }

    /** Counters, for tests and diagnostics. */
    ResultCache.Stats stats() {
        return cache.stats();
    }
}

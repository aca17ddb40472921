package io.hatidata.controlplane;

import io.hatidata.api.pipeline.QueryChain;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.QueryStage;
import io.hatidata.api.pipeline.StageOrder;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.resultcache.ResultCacheAttributes;
import io.hatidata.api.query.SqlState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Enforces an environment's {@code max_concurrent_queries} (default 50) on every front-end (order
 * {@value StageOrder#ENVIRONMENT_CONCURRENCY}, right after admission): a statement beyond the limit is
 * refused at once with {@code 53300} rather than queued, because admission already queues the whole
 * server and one busy environment must not hold the queue for the others. Describe-only requests do not
 * count. A lowered limit applies to new statements within the limits' cache time.
 *
 * <p>It also leaves the environment's {@code cache_enabled} setting under
 * {@link ResultCacheAttributes#ENVIRONMENT_CACHE_ENABLED} for the result cache (same cache time).
 */
@Component(configurationPid = ControlPlanePids.CONTROL_PLANE, service = QueryStage.class, property = {
        QueryStage.ORDER + ":Integer=" + StageOrder.ENVIRONMENT_CONCURRENCY,
        QueryStage.NAME + "=environment-concurrency"})
public final class EnvironmentConcurrencyStage implements QueryStage {
    private static final int MAX_TRACKED = 10_000;

    private final EnvironmentLimits limits;
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();

    @Activate
    public EnvironmentConcurrencyStage(@Reference(name = "dataSource") DataSource dataSource) {
        this(new EnvironmentLimits(new Db(dataSource), System::nanoTime));
    }

    EnvironmentConcurrencyStage(EnvironmentLimits limits) {
        this.limits = limits;
    }

    @Override
    public void process(QueryContext context, QueryChain chain) throws QueryException {
        if (context.describeOnly()) {
            chain.proceed(context);
            return;
        }
        String environment = context.session().identity().environmentId();
        EnvironmentLimits.Limits settings = limits.of(environment);
        context.attributes().put(ResultCacheAttributes.ENVIRONMENT_CACHE_ENABLED, settings.cacheEnabled());
        int limit = settings.maxConcurrentQueries();
        AtomicInteger count = counter(environment);
        if (count.incrementAndGet() > limit) {
            count.decrementAndGet();
            throw new QueryException(SqlState.TOO_MANY_CONNECTIONS, "the environment already runs its "
                    + "max_concurrent_queries (" + limit + ") statements: try again when one has finished");
        }
        try {
            chain.proceed(context);
        } finally {
            count.decrementAndGet();
        }
    }

    /** The number of statements running in the environment now (for tests and diagnostics). */
    int running(String environmentId) {
        AtomicInteger count = running.get(environmentId);
        return count == null ? 0 : count.get();
    }

    private AtomicInteger counter(String environment) {
        AtomicInteger existing = running.get(environment);
        if (existing != null) {
            return existing;
        }
        if (running.size() >= MAX_TRACKED) {
            // forget idle environments; counters of running statements stay
            running.values().removeIf(each -> each.get() == 0);
        }
        return running.computeIfAbsent(environment, key -> new AtomicInteger());
    }
}

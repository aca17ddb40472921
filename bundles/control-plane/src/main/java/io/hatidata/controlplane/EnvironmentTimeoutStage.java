package io.hatidata.controlplane;

import io.hatidata.api.pipeline.QueryChain;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.QueryStage;
import io.hatidata.api.pipeline.StageOrder;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Ends a statement that runs longer than its environment's {@code query_timeout_ms} (default 30 000)
 * with {@code 57014}, on every front-end (order {@value StageOrder#QUERY_TIMEOUT}, just before the
 * engine, so time spent waiting for admission does not count). The statement is cancelled through its
 * session like a client's cancel request. Timeouts come from {@link EnvironmentLimits} (a changed setting
 * applies within its cache time). A session's own
 * {@code statement_timeout} (wire) applies as well; the shorter one wins.
 */
@Component(configurationPid = ControlPlanePids.CONTROL_PLANE, service = QueryStage.class, property = {
        QueryStage.ORDER + ":Integer=" + StageOrder.QUERY_TIMEOUT, QueryStage.NAME + "=environment-timeout"})
public final class EnvironmentTimeoutStage implements QueryStage {
    private final EnvironmentLimits limits;
    private final ScheduledThreadPoolExecutor timer;

    @Activate
    public EnvironmentTimeoutStage(@Reference(name = "dataSource") DataSource dataSource) {
        this(new EnvironmentLimits(new Db(dataSource), System::nanoTime));
    }

    EnvironmentTimeoutStage(EnvironmentLimits limits) {
        this.limits = limits;
        this.timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "hatidata-query-timeout");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    @Override
    public void process(QueryContext context, QueryChain chain) throws QueryException {
        if (context.describeOnly()) {
            chain.proceed(context);
            return;
        }
        int timeoutMs = limits.of(context.session().identity().environmentId()).queryTimeoutMs();
        AtomicBoolean fired = new AtomicBoolean();
        ScheduledFuture<?> deadline = timer.schedule(() -> {
            fired.set(true);
            context.session().cancel();
        }, timeoutMs, TimeUnit.MILLISECONDS);
        try {
            chain.proceed(context);
        } catch (QueryException ex) {
            if (fired.get() && SqlState.QUERY_CANCELED.equals(ex.sqlState())) {
                throw new QueryException(SqlState.QUERY_CANCELED, "canceling statement due to the environment's "
                        + "query timeout (query_timeout_ms = " + timeoutMs + ")", ex);
            }
            throw ex;
        } finally {
            deadline.cancel(false);
        }
    }
}

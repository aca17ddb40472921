package io.hatidata.pipeline;

import io.hatidata.api.pipeline.QueryChain;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.QueryStage;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.pipeline.StageOrder;
import io.hatidata.api.query.QueryException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Pipeline step 1, admission (order {@value StageOrder#ADMISSION}): at most
 * {@code maxConcurrentQueries} statements run at once; further ones wait in a priority queue (see
 * {@link Priorities}) of at most {@code maxQueuedQueries}, for at most {@code queueTimeoutMs}.
 * A full queue or a wait that times out is {@code 53300}; a cancel while waiting is {@code 57014}.
 * The permit is held until the rest of the chain returned, including the streaming of the result, and
 * released in {@code finally}.
 *
 * <p>Not gated: describe-only requests (nothing runs), and a statement the same thread runs through the
 * pipeline for the same session while that session already holds a permit (a nested statement would
 * otherwise wait for its own parent).
 *
 * <p>A configuration change takes effect for the next statement without tearing the stage down;
 * statements admitted under the old limits release their permits to the old gate.
 */
@Component(
        configurationPid = PipelinePids.ADMISSION,
        service = QueryStage.class,
        property = {QueryStage.ORDER + ":Integer=" + StageOrder.ADMISSION, QueryStage.NAME + "=admission"})
@Designate(ocd = AdmissionConfig.class)
public final class AdmissionStage implements QueryStage {
    private final AtomicReference<Limits> limits = new AtomicReference<>();
    private final Map<Thread, Session> holders = new ConcurrentHashMap<>();

    @Activate
    public AdmissionStage(AdmissionConfig config) {
        modified(config);
    }

    @Modified
    void modified(AdmissionConfig config) {
        limits.set(new Limits(
                new PriorityGate("executing queries", Math.max(1, config.maxConcurrentQueries()),
                        Math.max(0, config.maxQueuedQueries())),
                Math.max(1, config.queueTimeoutMs())));
    }

    @Override
    public void process(QueryContext context, QueryChain chain) throws QueryException {
        Session session = context.session();
        Thread thread = Thread.currentThread();
        if (context.describeOnly() || holders.get(thread) == session) {
            chain.proceed(context);
            return;
        }
        Limits current = limits.get();
        PriorityGate.Waiter waiter = current.gate().enter(Priorities.rank(session));
        QueueCancellation.await(session, waiter, current.timeoutMs());
        holders.put(thread, session);
        try {
            chain.proceed(context);
        } finally {
            holders.remove(thread);
            current.gate().release();
        }
    }

    /** The gate statements are admitted through now (for tests and diagnostics). */
    PriorityGate gate() {
        return limits.get().gate();
    }

    private record Limits(PriorityGate gate, long timeoutMs) {}
}

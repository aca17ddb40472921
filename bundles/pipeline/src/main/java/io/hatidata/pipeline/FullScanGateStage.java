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

/**
 * The second half of admission (order {@value StageOrder#FULL_SCAN_GATE}, right after the cost
 * estimate, because admission runs before the statement is parsed): a statement classified as a full
 * scan ({@link FullScans}) also needs one of {@code maxConcurrentFullScans} slots. It waits for one in
 * the same priority order as admission, while holding its executing slot, for at most
 * {@code queueTimeoutMs} ({@code 53300} after that, {@code 57014} when cancelled). The queue needs no
 * bound of its own: only admitted statements reach it. Describe-only and nested statements pass, as at
 * admission. Configured by the admission PID.
 */
@Component(
        configurationPid = PipelinePids.ADMISSION,
        service = QueryStage.class,
        property = {QueryStage.ORDER + ":Integer=" + StageOrder.FULL_SCAN_GATE, QueryStage.NAME + "=full-scan-gate"})
public final class FullScanGateStage implements QueryStage {
    private final AtomicReference<Limits> limits = new AtomicReference<>();
    private final Map<Thread, Session> holders = new ConcurrentHashMap<>();

    @Activate
    public FullScanGateStage(AdmissionConfig config) {
        modified(config);
    }

    @Modified
    void modified(AdmissionConfig config) {
        limits.set(new Limits(
                new PriorityGate("full scans", Math.max(1, config.maxConcurrentFullScans()), Integer.MAX_VALUE),
                Math.max(1, config.queueTimeoutMs())));
    }

    @Override
    public void process(QueryContext context, QueryChain chain) throws QueryException {
        Session session = context.session();
        Thread thread = Thread.currentThread();
        if (context.describeOnly() || holders.get(thread) == session || !FullScans.isFullScan(context)) {
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

    /** The gate full scans pass now (for tests and diagnostics). */
    PriorityGate gate() {
        return limits.get().gate();
    }

    private record Limits(PriorityGate gate, long timeoutMs) {}
}

package io.hatidata.pipeline;

import io.hatidata.api.governance.AuditRecorder;
import io.hatidata.api.governance.QueryOutcome;
import io.hatidata.api.pipeline.QueryChain;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.QueryStage;
import io.hatidata.api.pipeline.StageOrder;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pipeline step 13, audit (order {@value StageOrder#AUDIT}, the first stage, so refusals by admission,
 * policy and quota are audited too): every registered {@link AuditRecorder} records the intent before
 * anything else runs (a recorder that cannot record stops the statement: nothing runs unaudited), then
 * the {@link QueryOutcome} once the statement ended, succeeded or failed. A recorder that throws on
 * completion is logged; the client keeps its result. Describe-only requests are not audited; with no
 * recorder registered the statement passes.
 */
@Component(
        service = QueryStage.class,
        property = {QueryStage.ORDER + ":Integer=" + StageOrder.AUDIT, QueryStage.NAME + "=audit"})
public final class AuditStage implements QueryStage {
    private static final Logger LOG = LoggerFactory.getLogger(AuditStage.class);

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<AuditRecorder> recorders = List.of();

    public AuditStage() {}

    AuditStage(List<AuditRecorder> recorders) {
        this.recorders = List.copyOf(recorders);
    }

    @Override
    public void process(QueryContext context, QueryChain chain) throws QueryException {
        List<AuditRecorder> current = recorders;
        if (context.describeOnly() || current.isEmpty()) {
            chain.proceed(context);
            return;
        }
        ObservingSink sink = new ObservingSink(context.sink());
        QueryContext observed = context.withSink(sink);
        for (AuditRecorder recorder : current) {
            recorder.intent(observed);
        }
        QueryOutcome outcome = null;
        try {
            chain.proceed(observed);
            outcome = sink.succeeded();
        } catch (QueryException ex) {
            outcome = sink.failed(ex.sqlState(), ex.getMessage());
            throw ex;
        } finally {
            if (outcome == null) {
                outcome = sink.failed(SqlState.INTERNAL_ERROR, "internal error");
            }
            for (AuditRecorder recorder : current) {
                try {
                    recorder.completed(observed, outcome);
                } catch (RuntimeException ex) {
                    LOG.error("Audit recorder {} failed to complete statement {}",
                            recorder.getClass().getName(), context.queryId(), ex);
                }
            }
        }
    }
}

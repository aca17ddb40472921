package io.hatidata.pipeline;

import io.hatidata.api.governance.Meter;
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
 * Pipeline step 12, metering (order {@value StageOrder#METERING}, before the rewrites and the engine so
 * it wraps the result sink): counts the rows the statement really sent and, when it ended (succeeded or
 * failed), hands the {@link QueryOutcome} to every registered {@link Meter}. A meter that throws is logged
 * and never fails the statement. Describe-only requests are not metered; with no meter registered the
 * sink is not wrapped.
 */
@Component(
        service = QueryStage.class,
        property = {QueryStage.ORDER + ":Integer=" + StageOrder.METERING, QueryStage.NAME + "=metering"})
public final class MeteringStage implements QueryStage {
    private static final Logger LOG = LoggerFactory.getLogger(MeteringStage.class);

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<Meter> meters = List.of();

    public MeteringStage() {}

    MeteringStage(List<Meter> meters) {
        this.meters = List.copyOf(meters);
    }

    @Override
    public void process(QueryContext context, QueryChain chain) throws QueryException {
        List<Meter> current = meters;
        if (context.describeOnly() || current.isEmpty()) {
            chain.proceed(context);
            return;
        }
        ObservingSink sink = new ObservingSink(context.sink());
        QueryContext observed = context.withSink(sink);
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
            for (Meter meter : current) {
                try {
                    meter.record(observed, outcome);
                } catch (RuntimeException ex) {
                    LOG.error("Meter {} failed for statement {}", meter.getClass().getName(), context.queryId(), ex);
                }
            }
        }
    }
}

package io.hatidata.sql;

import io.hatidata.api.governance.HealingRule;
import io.hatidata.api.pipeline.QueryChain;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.QueryStage;
import io.hatidata.api.pipeline.StageOrder;
import io.hatidata.api.query.Column;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import io.hatidata.api.query.SqlState;
import io.hatidata.api.query.TransactionStatus;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pipeline step 10, healing (order {@value StageOrder#HEALING}, after transpile and around the engine):
 * when the rest of the chain fails, the registered {@link HealingRule}s are asked in turn; the first
 * rewrite is run once more through the rest of the chain (timeout, snapshot pin, execute). At most one
 * retry; if it fails too, the client gets the <em>original</em> error. Never healed: a statement that
 * already sent columns or rows, a cancel ({@code 57014}), a failure that left the transaction aborted, and
 * a rewrite equal to the failed statement. With no rule registered failures pass through unchanged.
 */
@Component(
        service = QueryStage.class,
        property = {QueryStage.ORDER + ":Integer=" + StageOrder.HEALING, QueryStage.NAME + "=healing"})
public final class HealingStage implements QueryStage {
    private static final Logger LOG = LoggerFactory.getLogger(HealingStage.class);

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<HealingRule> rules = List.of();

    public HealingStage() {}

    HealingStage(List<HealingRule> rules) {
        this.rules = List.copyOf(rules);
    }

    @Override
    public void process(QueryContext context, QueryChain chain) throws QueryException {
        List<HealingRule> current = rules;
        if (current.isEmpty()) {
            chain.proceed(context);
            return;
        }
        UntouchedSink sink = new UntouchedSink(context.sink());
        QueryContext watched = context.withSink(sink);
        try {
            chain.proceed(watched);
        } catch (QueryException failure) {
            Optional<String> healed = healable(watched, failure) ? heal(current, watched, failure) : Optional.empty();
            if (healed.isEmpty()) {
                throw failure;
            }
            LOG.info("Statement {} healed after {}: retrying once", context.queryId(), failure.sqlState());
            try {
                chain.proceed(context.withSql(healed.get()));
            } catch (QueryException retryFailure) {
                failure.addSuppressed(retryFailure);
                throw failure;
            }
        }
    }

    private static boolean healable(QueryContext context, QueryException failure) {
        return !((UntouchedSink) context.sink()).touched
                && !SqlState.QUERY_CANCELED.equals(failure.sqlState())
                && !context.session().cancelRequested()
                && context.session().transactionStatus() != TransactionStatus.FAILED;
    }

    private static Optional<String> heal(List<HealingRule> rules, QueryContext context, QueryException failure) {
        for (HealingRule rule : rules) {
            Optional<String> rewrite = rule.heal(context, failure);
            if (rewrite.isPresent() && !rewrite.get().equals(context.sql())) {
                return rewrite;
            }
        }
        return Optional.empty();
    }

    /** Passes everything on and remembers whether anything reached the client. */
    private static final class UntouchedSink implements ResultSink {
        private final ResultSink delegate;
        private boolean touched;

        UntouchedSink(ResultSink delegate) {
            this.delegate = delegate;
        }

        @Override
        public void columns(List<Column> columns) throws QueryException {
            touched = true;
            delegate.columns(columns);
        }

        @Override
        public void row(Object[] values) throws QueryException {
            touched = true;
            delegate.row(values);
        }

        @Override
        public void complete(String commandTag) throws QueryException {
            touched = true;
            delegate.complete(commandTag);
        }
    }
}

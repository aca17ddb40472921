package io.hatidata.pipeline;

import io.hatidata.api.governance.RowFilterProvider;
import io.hatidata.api.pipeline.QueryChain;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.QueryStage;
import io.hatidata.api.pipeline.StageOrder;
import io.hatidata.api.query.QueryException;
import java.util.List;
import java.util.Objects;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Pipeline step 6, row filter (order {@value StageOrder#ROW_FILTER}): applies every registered
 * {@link RowFilterProvider} in turn, each to the statement the previous one returned, and passes the
 * result on (the transpile stage analyses a rewritten statement again). Applies to describe-only
 * requests too. With no provider registered the statement passes unchanged.
 */
@Component(
        service = QueryStage.class,
        property = {QueryStage.ORDER + ":Integer=" + StageOrder.ROW_FILTER, QueryStage.NAME + "=row-filter"})
public final class RowFilterStage implements QueryStage {

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<RowFilterProvider> providers = List.of();

    public RowFilterStage() {}

    RowFilterStage(List<RowFilterProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    @Override
    public void process(QueryContext context, QueryChain chain) throws QueryException {
        QueryContext current = context;
        for (RowFilterProvider provider : providers) {
            String rewritten = Objects.requireNonNull(provider.apply(current), "row filter result");
            if (!rewritten.equals(current.sql())) {
                current = current.withSql(rewritten);
            }
        }
        chain.proceed(current);
    }
}

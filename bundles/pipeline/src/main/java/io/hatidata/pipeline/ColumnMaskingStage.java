package io.hatidata.pipeline;

import io.hatidata.api.governance.ColumnMaskProvider;
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
 * Pipeline step 11, column masking (order {@value StageOrder#COLUMN_MASKING}): applies every registered
 * {@link ColumnMaskProvider} in turn, each to the statement the previous one returned, and passes the
 * result on (the transpile stage analyses a rewritten statement again). Masking rewrites each governed
 * table reference into a masked projection, so it sits before transpile although the step table lists it
 * after execute: every value derived from a masked column is then masked in the result. Applies to
 * describe-only requests too, so descriptions match results. With no provider registered the statement
 * passes unchanged.
 */
@Component(
        service = QueryStage.class,
        property = {QueryStage.ORDER + ":Integer=" + StageOrder.COLUMN_MASKING, QueryStage.NAME + "=column-masking"})
public final class ColumnMaskingStage implements QueryStage {

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<ColumnMaskProvider> providers = List.of();

    public ColumnMaskingStage() {}

    ColumnMaskingStage(List<ColumnMaskProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    @Override
    public void process(QueryContext context, QueryChain chain) throws QueryException {
        QueryContext current = context;
        for (ColumnMaskProvider provider : providers) {
            String rewritten = Objects.requireNonNull(provider.apply(current), "masking result");
            if (!rewritten.equals(current.sql())) {
                current = current.withSql(rewritten);
            }
        }
        chain.proceed(current);
    }
}

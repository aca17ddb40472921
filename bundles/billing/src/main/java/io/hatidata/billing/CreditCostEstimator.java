package io.hatidata.billing;

import io.hatidata.api.engine.QueryEngine;
import io.hatidata.api.governance.CostEstimate;
import io.hatidata.api.governance.CostEstimator;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.api.sql.StatementKind;
import io.hatidata.api.sql.TableReference;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Pipeline step 4: the {@link CreditFormula} before execution. The result rows are projected only where
 * table statistics answer them: a full scan of one table without aggregation, grouping, DISTINCT, joins
 * or set operations returns every row of the table, so its row count (DuckDB's statistics) is the
 * estimate; otherwise rows are unknown ({@code -1}) and the estimate has no row surcharge. The full-scan
 * verdict is the pipeline's (the baseline's).
 */
@Component(configurationPid = BillingPids.BILLING, service = CostEstimator.class)
public final class CreditCostEstimator implements CostEstimator {
    private static final Set<String> NOT_ROW_PRESERVING = Set.of("group", "distinct", "union", "intersect",
            "except", "minus", "having", "join", "qualify", "count", "sum", "avg", "min", "max", "any_value",
            "array_agg", "listagg", "string_agg", "median");

    private final TableStatistics statistics;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile QueryEngine engine;

    @Activate
    public CreditCostEstimator(BillingConfig config) {
        this(new TableStatistics(config.cacheSeconds()), null);
    }

    CreditCostEstimator(TableStatistics statistics, QueryEngine engine) {
        this.statistics = statistics;
        this.engine = engine;
    }

    @Override
    public CostEstimate estimate(QueryContext context, CostEstimate baseline) {
        StatementShape shape = StatementShape.of(context, baseline.fullScan());
        if (!shape.metered()) {
            return baseline;
        }
        long rows = -1;
        if (shape.fullScan() && shape.tables().size() == 1
                && context.attributes().get(StatementAnalysis.ATTRIBUTE) instanceof StatementAnalysis analysis
                && analysis.kind() == StatementKind.QUERY
                && !SqlWords.containsAny(analysis.sql(), NOT_ROW_PRESERVING)) {
            TableReference table = shape.tables().iterator().next();
            rows = statistics.rows(engine, context.session().identity().environmentId(), table);
        }
        long milli = CreditFormula.milliCredits(shape, Math.max(rows, 0));
        return new CostEstimate(CreditFormula.credits(milli), rows, baseline.fullScan());
    }
}

package io.hatidata.sql;

import io.hatidata.api.pipeline.QueryChain;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.QueryStage;
import io.hatidata.api.pipeline.StageOrder;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.sql.SqlAnalyzer;
import io.hatidata.api.sql.StatementAnalysis;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Pipeline step 7, transpile (order {@value StageOrder#TRANSPILE}): replaces the statement with its
 * DuckDB SQL. It reuses the table-extraction analysis when the statement is still the one analysed;
 * when an earlier stage rewrote it (row filter), the rewritten text is analysed again (cached).
 * Statements that need no translation pass unchanged.
 */
@Component(
        configurationPid = SqlPids.TRANSPILE_STAGE,
        service = QueryStage.class,
        property = {
            QueryStage.ORDER + ":Integer=" + StageOrder.TRANSPILE,
            QueryStage.NAME + "=transpile"
        })
public final class TranspileStage implements QueryStage {
    private final SqlAnalyzer analyzer;

    @Activate
    public TranspileStage(@Reference SqlAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    @Override
    public void process(QueryContext context, QueryChain chain) throws QueryException {
        Object recorded = context.attributes().get(StatementAnalysis.ATTRIBUTE);
        StatementAnalysis analysis = recorded instanceof StatementAnalysis each && each.sql().equals(context.sql())
                ? each : analyzer.analyze(context.sql());
        if (!analysis.transpiled()) {
            chain.proceed(context);
            return;
        }
        try {
            chain.proceed(context.withSql(analysis.engineSql()));
        } catch (QueryException ex) {
            if (ex.position() > 0) {
                // a position in the translated text means nothing in the client's
                throw new QueryException(ex.sqlState(), ex.getMessage(), ex);
            }
            throw ex;
        }
    }
}

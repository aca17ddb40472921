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
 * Pipeline step 2, table extraction (order {@value StageOrder#TABLE_EXTRACTION}): parses the statement
 * once and leaves its {@link StatementAnalysis} (kind, tables, lineage, DuckDB SQL) in the context's
 * attributes under {@link StatementAnalysis#ATTRIBUTE} for the policy, quota, row-filter and audit
 * stages. Refuses untranslatable Snowflake constructs ({@code 0A000}) before anything else runs.
 */
@Component(
        configurationPid = SqlPids.TABLE_EXTRACTION_STAGE,
        service = QueryStage.class,
        property = {
            QueryStage.ORDER + ":Integer=" + StageOrder.TABLE_EXTRACTION,
            QueryStage.NAME + "=table-extraction"
        })
public final class TableExtractionStage implements QueryStage {
    private final SqlAnalyzer analyzer;

    @Activate
    public TableExtractionStage(@Reference SqlAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    @Override
    public void process(QueryContext context, QueryChain chain) throws QueryException {
        StatementAnalysis analysis = analyzer.analyze(context.sql());
        context.attributes().put(StatementAnalysis.ATTRIBUTE, analysis);
        chain.proceed(context);
    }
}

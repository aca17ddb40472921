package io.hatidata.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hatidata.api.pipeline.QueryStage;
import io.hatidata.api.pipeline.StageInfo;
import io.hatidata.api.pipeline.StageOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The product's whole chain as the registry orders it: this bundle's stages as the real components (with
 * their component properties), the other bundles' stages as stand-ins at the orders those components
 * declare (table extraction and transpile in sql, key scopes and environment timeout in control-plane,
 * healing in sql, snapshot pin and execute in engine-duckdb, the result cache between them in result-cache).
 */
class FullChainOrderTest {

    @Test
    void everyStepHasItsFixedPlace() throws Exception {
        StagePipeline pipeline = new StagePipeline();
        List<String> ran = new ArrayList<>();
        long id = 0;
        // registered in a scrambled order on purpose
        Object[][] stages = {
            {StageOrder.EXECUTE, "execute"},
            {StageOrder.COLUMN_MASKING, "column-masking"},
            {StageOrder.AUDIT, "audit"},
            {StageOrder.TRANSPILE, "transpile"},
            {StageOrder.QUOTA, "quota"},
            {StageOrder.SNAPSHOT_PIN, "snapshot-pin"},
            {StageOrder.ADMISSION, "admission"},
            {StageOrder.HEALING, "healing"},
            {StageOrder.FULL_SCAN_GATE, "full-scan-gate"},
            {StageOrder.ROW_FILTER, "row-filter"},
            {StageOrder.TABLE_EXTRACTION, "table-extraction"},
            {StageOrder.METERING, "metering"},
            {350, "key-scopes"},
            {StageOrder.ENVIRONMENT_CONCURRENCY, "environment-concurrency"},
            {StageOrder.POLICY, "policy"},
            {StageOrder.QUERY_TIMEOUT, "environment-timeout"},
            {StageOrder.COST_ESTIMATE, "cost-estimate"},
            {975, "result-cache"},
        };
        for (Object[] each : stages) {
            String name = (String) each[1];
            QueryStage real = realStage(name);
            QueryStage traced = (context, chain) -> {
                ran.add(name);
                if (real != null) {
                    real.process(context, chain);
                } else if (!name.equals("execute")) {
                    chain.proceed(context);
                } else {
                    context.sink().complete("SELECT 0");
                }
            };
            pipeline.add(StagePipeline.describe(++id, Map.of(QueryStage.ORDER, each[0], QueryStage.NAME, name),
                    "test", traced));
        }

        List<String> expected = List.of("audit", "admission", "environment-concurrency", "table-extraction", "key-scopes", "policy",
                "cost-estimate", "full-scan-gate", "quota", "metering", "row-filter", "column-masking", "transpile",
                "healing", "environment-timeout", "snapshot-pin", "result-cache", "execute");
        assertEquals(expected, pipeline.stages().stream().map(StageInfo::name).toList());
        pipeline.execute(TestQueries.analysedQuery("SELECT * FROM t"));
        assertEquals(expected, ran);
    }

    /** This bundle's stage of that name, built as DS would with default configuration and no providers. */
    private static QueryStage realStage(String name) {
        return switch (name) {
            case "audit" -> new AuditStage();
            case "admission" -> new AdmissionStage(TestConfigs.admission(64, 256, 8, 30_000));
            case "policy" -> new PolicyStage();
            case "cost-estimate" -> new CostEstimateStage();
            case "full-scan-gate" -> new FullScanGateStage(TestConfigs.admission(64, 256, 8, 30_000));
            case "quota" -> new QuotaStage();
            case "metering" -> new MeteringStage();
            case "row-filter" -> new RowFilterStage();
            case "column-masking" -> new ColumnMaskingStage();
            default -> null;
        };
    }
}

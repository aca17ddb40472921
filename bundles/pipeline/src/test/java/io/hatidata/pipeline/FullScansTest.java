package io.hatidata.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.governance.CostEstimate;
import io.hatidata.api.pipeline.QueryContext;
import org.junit.jupiter.api.Test;

class FullScansTest {

    @Test
    void aQueryReadingATableWithoutNarrowingIsAFullScan() {
        assertTrue(FullScans.isFullScan(TestQueries.analysedQuery("SELECT * FROM t")));
        assertTrue(FullScans.isFullScan(TestQueries.analysedQuery("select count(*) from t group by a")));
        assertTrue(FullScans.isFullScan(TestQueries.analysedQuery("SELECT 'where' AS \"limit\" FROM t -- where")));
    }

    @Test
    void whereLimitTopFetchOrSampleNarrowIt() {
        assertFalse(FullScans.isFullScan(TestQueries.analysedQuery("SELECT * FROM t WHERE id = 1")));
        assertFalse(FullScans.isFullScan(TestQueries.analysedQuery("SELECT * FROM t\nlimit 10")));
        assertFalse(FullScans.isFullScan(TestQueries.analysedQuery("SELECT TOP 5 * FROM t")));
        assertFalse(FullScans.isFullScan(TestQueries.analysedQuery("SELECT * FROM t FETCH FIRST 1 ROWS ONLY")));
        assertFalse(FullScans.isFullScan(TestQueries.analysedQuery("SELECT * FROM t SAMPLE (10)")));
    }

    @Test
    void withoutAnAnalysisNothingIsAFullScan() {
        assertFalse(FullScans.isFullScan(TestQueries.query("SELECT * FROM t")));
    }

    @Test
    void theCostEstimateDecidesWhenThereIsOne() {
        QueryContext context = TestQueries.analysedQuery("SELECT * FROM t");
        context.attributes().put(CostEstimate.ATTRIBUTE, CostEstimate.unknown(false));
        assertFalse(FullScans.isFullScan(context));
        QueryContext narrowed = TestQueries.analysedQuery("SELECT * FROM t WHERE a = 1");
        narrowed.attributes().put(CostEstimate.ATTRIBUTE, new CostEstimate(3, 1_000_000, true));
        assertTrue(FullScans.isFullScan(narrowed));
    }
}

package io.hatidata.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hatidata.api.engine.EngineSession;
import io.hatidata.api.engine.QueryEngine;
import io.hatidata.api.governance.CostEstimate;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import io.hatidata.api.query.TransactionStatus;
import io.hatidata.api.sql.StatementKind;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CreditCostEstimatorTest {
    private final AtomicInteger lookups = new AtomicInteger();

    /** An engine whose statistics say every table has 25,000 rows. */
    private final QueryEngine engine = environmentId -> new EngineSession() {
        @Override
        public void execute(String sql, ResultSink sink) throws QueryException {
            execute(sql, List.of(), sink);
        }

        @Override
        public void execute(String sql, List<Object> parameters, ResultSink sink) throws QueryException {
            lookups.incrementAndGet();
            assertEquals("big", parameters.get(0));
            sink.row(new Object[] {25_000L});
            sink.complete("SELECT 1");
        }

        @Override
        public TransactionStatus transactionStatus() {
            return TransactionStatus.IDLE;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void cancel() {}

        @Override
        public void close() {}
    };

    private final CreditCostEstimator estimator = new CreditCostEstimator(new TableStatistics(60), engine);
    private final io.hatidata.api.identity.Identity identity =
            BillingFixture.identity(BillingFixture.PROD, BillingFixture.LIVE_KEY);

    private CostEstimate estimate(io.hatidata.api.sql.StatementAnalysis analysis, boolean fullScan) {
        return estimator.estimate(BillingFixture.statement(identity, null, analysis), CostEstimate.unknown(fullScan));
    }

    @Test
    void aFullScanOfOneTableIsEstimatedFromItsStatistics() {
        CostEstimate star = estimate(BillingFixture.query("SELECT * FROM big", true, "big"), true);
        assertEquals(25_000, star.rows());
        assertEquals(1.0 + 2.0 + 1.0 + 2.0, star.credits());
        assertEquals(true, star.fullScan());
        estimate(BillingFixture.query("SELECT id FROM big", false, "big"), true);
        assertEquals(1, lookups.get(), "statistics are cached");
    }

    @Test
    void rowsAreUnknownWhereTheResultIsNotTheTable() {
        CostEstimate aggregate = estimate(BillingFixture.query("SELECT max(id) FROM big", false, "big"), true);
        assertEquals(-1, aggregate.rows());
        assertEquals(3.0, aggregate.credits());
        CostEstimate narrowed = estimate(BillingFixture.query("SELECT id FROM big WHERE id = 1", false, "big"), false);
        assertEquals(-1, narrowed.rows());
        assertEquals(1.0, narrowed.credits());
        assertEquals(0, lookups.get());
    }

    @Test
    void freeStatementsKeepTheBaseline() {
        CostEstimate baseline = CostEstimate.unknown(false);
        assertEquals(baseline, estimator.estimate(BillingFixture.statement(identity, null,
                BillingFixture.of(StatementKind.UTILITY, "SET a = 1")), baseline));
    }

    @Test
    void withoutAnEngineRowsAreUnknown() {
        CreditCostEstimator alone = new CreditCostEstimator(new TableStatistics(60), null);
        CostEstimate star = alone.estimate(BillingFixture.statement(identity, null,
                BillingFixture.query("SELECT * FROM big", true, "big")), CostEstimate.unknown(true));
        assertEquals(-1, star.rows());
        assertEquals(4.0, star.credits());
    }
}

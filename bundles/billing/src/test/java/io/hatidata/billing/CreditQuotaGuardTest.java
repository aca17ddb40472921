package io.hatidata.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.billing.Quota;
import io.hatidata.api.billing.QuotaChanges;
import io.hatidata.api.governance.CostEstimate;
import io.hatidata.api.governance.QueryOutcome;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.sql.StatementKind;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreditQuotaGuardTest {
    @TempDir
    Path dir;

    private BillingFixture billing;
    private CreditQuotaGuard guard;

    @BeforeEach
    void start() throws Exception {
        billing = new BillingFixture(dir);
        guard = new CreditQuotaGuard(billing.quotas, billing.meter, billing.store);
        billing.quotas.update(BillingFixture.ORG, new QuotaChanges(Map.of(Quota.MONTHLY_CREDIT_LIMIT, 3L,
                Quota.MAX_ROWS_PER_QUERY, 100L), null));
    }

    @Test
    void theStatementThatWouldPassTheMonthlyLimitIsRefused() throws Exception {
        var identity = BillingFixture.identity(BillingFixture.PROD, BillingFixture.LIVE_KEY);
        var analysis = BillingFixture.query("SELECT a FROM t WHERE a = 1", false, "t");
        CostEstimate one = new CostEstimate(1, -1, false);
        for (int i = 0; i < 3; i++) {
            var statement = BillingFixture.statement(identity, null, analysis);
            guard.check(statement, one);
            billing.meter.record(statement, new QueryOutcome(1, 1, "SELECT 1", "", ""));
        }
        QueryException refused = assertThrows(QueryException.class,
                () -> guard.check(BillingFixture.statement(identity, null, analysis), one));
        assertEquals("53400", refused.sqlState());
        assertTrue(refused.getMessage().contains("monthly_credit_limit"), refused.getMessage());
        // session control still runs, and a test key is never refused
        guard.check(BillingFixture.statement(identity, null, BillingFixture.of(StatementKind.UTILITY, "SET a = 1")), one);
        guard.check(BillingFixture.statement(BillingFixture.identity(BillingFixture.STAGING, BillingFixture.TEST_KEY),
                null, analysis), one);
    }

    @Test
    void anEstimateOverMaxRowsPerQueryIsRefusedBeforeExecution() throws Exception {
        var identity = BillingFixture.identity(BillingFixture.PROD, BillingFixture.LIVE_KEY);
        var statement = BillingFixture.statement(identity, null, BillingFixture.query("SELECT * FROM t", true, "t"));
        guard.check(statement, new CostEstimate(1, 100, true));
        QueryException refused = assertThrows(QueryException.class,
                () -> guard.check(statement, new CostEstimate(1, 101, true)));
        assertEquals("53400", refused.sqlState());
        assertTrue(refused.getMessage().contains("max_rows_per_query"), refused.getMessage());
        guard.check(statement, new CostEstimate(1, -1, true));
    }
}

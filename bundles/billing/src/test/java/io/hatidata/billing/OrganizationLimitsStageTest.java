package io.hatidata.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hatidata.api.billing.Quota;
import io.hatidata.api.billing.QuotaChanges;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.query.QueryException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrganizationLimitsStageTest {
    @TempDir
    Path dir;

    private BillingFixture billing;
    private OrganizationLimitsStage stage;

    @BeforeEach
    void start() throws Exception {
        billing = new BillingFixture(dir);
        stage = new OrganizationLimitsStage(billing.quotas, billing.store);
        billing.quotas.update(BillingFixture.ORG, new QuotaChanges(Map.of(Quota.MAX_CONCURRENT_QUERIES, 1L,
                Quota.MAX_ROWS_PER_QUERY, 3L), null));
    }

    private QueryContext statement(String key) {
        return BillingFixture.statement(BillingFixture.identity(BillingFixture.PROD, key), null,
                BillingFixture.query("SELECT a FROM t", false, "t"));
    }

    @Test
    void aResultPastMaxRowsPerQueryEndsWithAnErrorNotACut() throws Exception {
        AtomicReference<Long> sent = new AtomicReference<>(0L);
        QueryException refused = assertThrows(QueryException.class, () -> stage.process(statement(BillingFixture.LIVE_KEY),
                context -> {
                    for (int i = 0; i < 5; i++) {
                        context.sink().row(new Object[] {i});
                        sent.set(sent.get() + 1);
                    }
                    context.sink().complete("SELECT 5");
                }));
        assertEquals("53400", refused.sqlState());
        assertEquals(3L, sent.get());
        assertEquals(0, stage.running(BillingFixture.ORG));
        // a test key is not limited
        stage.process(BillingFixture.statement(BillingFixture.identity(BillingFixture.STAGING, BillingFixture.TEST_KEY),
                null, BillingFixture.query("SELECT a FROM t", false, "t")), context -> {
                    for (int i = 0; i < 5; i++) {
                        context.sink().row(new Object[] {i});
                    }
                });
    }

    @Test
    void aNestedStatementOfTheSameSessionDoesNotCountTwice() throws Exception {
        QueryContext outer = statement(BillingFixture.LIVE_KEY);
        stage.process(outer, context -> stage.process(QueryContext.of(outer.session(), "qry_2", "SELECT 1",
                io.hatidata.api.query.ResultSink.discarding()), inner -> assertEquals(1, stage.running(BillingFixture.ORG))));
        assertEquals(0, stage.running(BillingFixture.ORG));
    }

    @Test
    void oneStatementMoreThanMaxConcurrentQueriesIsRefused() throws Exception {
        stage.process(statement(BillingFixture.LIVE_KEY), outer -> {
            assertEquals(1, stage.running(BillingFixture.ORG));
            QueryException refused = assertThrows(QueryException.class,
                    () -> stage.process(statement(BillingFixture.LIVE_KEY), inner -> {}));
            assertEquals("53400", refused.sqlState());
        });
        assertEquals(0, stage.running(BillingFixture.ORG));
    }
}

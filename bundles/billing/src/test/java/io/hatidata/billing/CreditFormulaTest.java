package io.hatidata.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.hatidata.api.sql.StatementKind;
import org.junit.jupiter.api.Test;

/** The cases of SPEC §2.11.3 and the choices of docs/billing.md. */
class CreditFormulaTest {

    private static long milli(String sql, boolean star, boolean fullScan, long rows, String... tables) {
        return CreditFormula.milliCredits(StatementShape.of(BillingFixture.query(sql, star, tables), fullScan), rows);
    }

    @Test
    void aStatementCostsOneCredit() {
        assertEquals(1_000, milli("SELECT id FROM users WHERE id = 1", false, false, 1, "users"));
        assertEquals(1_000, milli("SELECT 1", false, false, 1));
    }

    @Test
    void theWorkedExampleThreeTableAggregationCostsTwo() {
        assertEquals(2_000, milli("SELECT … FROM a JOIN b JOIN c WHERE …", false, false, 0, "a", "b", "c"));
    }

    @Test
    void aStarOverANarrowedReadCostsWhatTheWorkedExampleSays() {
        // SELECT * FROM users WHERE user_id = 'abc123' → 1.0 credit (SPEC), the star is not charged
        assertEquals(1_000, milli("SELECT * FROM users WHERE user_id = 'abc123'", true, false, 50, "users"));
    }

    @Test
    void aFullScanAddsTwoAndAStarOverItOneMore() {
        assertEquals(3_000, milli("SELECT id FROM users", false, true, 50, "users"));
        assertEquals(4_000, milli("SELECT * FROM users", true, true, 50, "users"));
    }

    @Test
    void rowsAboveTenThousandAddOneCreditPerStartedTenThousand() {
        assertEquals(1_000, milli("q", false, false, 10_000, "t"));
        assertEquals(2_000, milli("q", false, false, 10_001, "t"));
        assertEquals(2_000, milli("q", false, false, 20_000, "t"));
        assertEquals(3_000, milli("q", false, false, 20_001, "t"));
        assertEquals(1_000 + 2_000 + 1_000 + 10_000, milli("q", true, true, 110_000, "t"));
    }

    @Test
    void extraTablesAddHalfACreditEach() {
        assertEquals(2_500, milli("q", false, false, 0, "a", "b", "c", "d"));
        assertEquals(1_000, milli("q", false, false, 0, "a", "a"));
    }

    @Test
    void sessionControlAndCatalogReadsAreFree() {
        assertEquals(0, CreditFormula.milliCredits(StatementShape.of(BillingFixture.of(StatementKind.UTILITY, "SET x = 1"), false), 0));
        // a utility statement that reads data is metered (a helper's review: PIVOT read whole tables for free)
        assertTrue(StatementShape.of(BillingFixture.of(StatementKind.UTILITY, "UNPIVOT orders ON COLUMNS(*)"), false).metered());
        assertTrue(StatementShape.of(BillingFixture.of(StatementKind.UTILITY, "/* x */ EXPLAIN ANALYZE SELECT 1"), false).metered());
        assertFalse(StatementShape.of(BillingFixture.of(StatementKind.UTILITY, "EXPLAIN SELECT 1"), false).metered());
        assertTrue(StatementShape.of(BillingFixture.of(StatementKind.UTILITY, "EXPLAIN (ANALYZE) DELETE FROM t"), false).metered());
        assertTrue(StatementShape.of(BillingFixture.of(StatementKind.UTILITY, "EXPLAIN ANALYSE SELECT 1"), false).metered());
        assertTrue(StatementShape.of(BillingFixture.of(StatementKind.UTILITY, "SET VARIABLE v = (SELECT 1)"), false).metered());
        assertFalse(StatementShape.of(BillingFixture.of(StatementKind.UTILITY, "commit"), false).metered());
        assertEquals(0, milli("SELECT * FROM pg_catalog.pg_class", true, true, 500, "pg_catalog.pg_class"));
        assertEquals(0, milli("SELECT * FROM information_schema.tables", true, true, 5, "information_schema.tables"));
    }

    @Test
    void writesAreChargedForTheRowsTheyChange() {
        StatementShape insert = StatementShape.of(BillingFixture.of(StatementKind.INSERT, "INSERT …", "t"), false);
        assertEquals("insert", insert.kind());
        assertEquals(2_000, CreditFormula.milliCredits(insert, 15_000));
        assertEquals(15_000, CommandTags.changedRows("INSERT 0 15000"));
        assertEquals(3, CommandTags.changedRows("UPDATE 3"));
        assertEquals(0, CommandTags.changedRows("SELECT 3"));
    }
}

package io.hatidata.sql.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.sql.GovernedTable;
import io.hatidata.api.sql.TableReference;
import io.hatidata.sql.parse.LiteralShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RewriteCacheTest {
    private static final GovernedTable KV = new GovernedTable(TableReference.of("kv"), "kv_policy",
            List.of("id", "name", "email", "balance"), Map.of("email", "CASE WHEN \"email\" IS NULL THEN NULL ELSE '***' END"),
            "balance >= ?", List.of(0L));

    /** What the uncached rewriter answers: the rewrite, or "!" + SQLSTATE + message. */
    private static String outcome(CalciteTableRewriter rewriter, String sql, List<GovernedTable> tables) {
        try {
            return rewriter.rewrite(sql, tables);
        } catch (QueryException refused) {
            return "!" + refused.sqlState() + " " + refused.getMessage();
        }
    }

    /** A full rewrite that counts its calls. */
    private static final class Counting implements RewriteCache.FullRewrite {
        private final List<GovernedTable> tables;
        int calls;

        Counting(List<GovernedTable> tables) {
            this.tables = tables;
        }

        @Override
        public String rewrite(String sql) throws QueryException {
            calls++;
            return CalciteTableRewriter.fullRewrite(sql, tables);
        }
    }

    /**
     * Every fixture statement and bypass attempt, three literal variants each, twice over: the cached
     * rewriter's answer (rewrite or refusal, message included) is exactly the uncached one's.
     */
    @Test
    void cachedAndTemplatedRewritesEqualFreshOnesForTheWholeCorpus() throws Exception {
        CalciteTableRewriter fresh = new CalciteTableRewriter();
        int templated = 0;
        int refused = 0;
        for (String statement : RewriterCorpus.statements()) {
            RewriteCache cache = new RewriteCache(100, 16_384);
            Counting full = new Counting(RewriterCorpus.GOVERNED);
            for (int round = 0; round < 2; round++) {
                for (int variant = 1; variant <= 4; variant++) {
                    String sql = RewriterCorpus.variant(statement, variant);
                    String expected = outcome(fresh, sql, RewriterCorpus.GOVERNED);
                    String actual;
                    try {
                        actual = cache.rewrite(sql, RewriterCorpus.GOVERNED, full);
                    } catch (QueryException e) {
                        actual = "!" + e.sqlState() + " " + e.getMessage();
                        refused += variant == 1 && round == 0 ? 1 : 0;
                    }
                    assertEquals(expected, actual, sql);
                }
            }
            if (LiteralShape.of(statement) != null && cache.templateSize() == 1) {
                templated++;
                // 2 variants rewritten + 1 sentinel probe; variants 3, 4 and the second round come from the caches
                assertEquals(3, full.calls, statement);
            }
        }
        assertTrue(templated > 50, "templates were proven and used: " + templated);
        assertTrue(refused >= 10, "refusals were reproduced: " + refused);
    }

    @Test
    void aPrimaryKeyLookupIsRewrittenOnceThenTemplated() throws QueryException {
        CalciteTableRewriter rewriter = new CalciteTableRewriter(100, 16_384);
        String first = rewriter.rewrite("SELECT id, name, email, balance FROM kv WHERE id = 1", List.of(KV));
        String second = rewriter.rewrite("SELECT id, name, email, balance FROM kv WHERE id = 2", List.of(KV));
        assertEquals(first.replace("id = 1", "id = 2"), second);
        assertEquals(1, rewriter.cache().templateSize());
        String third = rewriter.rewrite("SELECT id, name, email, balance FROM kv WHERE id = 12345", List.of(KV));
        assertEquals(CalciteTableRewriter.fullRewrite("SELECT id, name, email, balance FROM kv WHERE id = 12345",
                List.of(KV)), third);
        assertEquals(2, rewriter.cache().exactSize(), "a template hit is not added to the exact cache");
    }

    @Test
    void refusalsAreReproducedAndNeverTemplated() {
        CalciteTableRewriter rewriter = new CalciteTableRewriter(100, 16_384);
        for (int i = 0; i < 3; i++) {
            for (String sql : List.of("DELETE FROM kv WHERE email = 'a" + i + "'", "DELETE FROM kv WHERE email = 'a0'")) {
                QueryException refused = assertThrows(QueryException.class, () -> rewriter.rewrite(sql, List.of(KV)));
                assertEquals("42501", refused.sqlState());
                assertEquals("permission denied by policy kv_policy: UPDATE or DELETE that names a masked column (kv)",
                        refused.getMessage());
            }
        }
        assertEquals(0, rewriter.cache().templateSize());
    }

    @Test
    void theGovernedTablesArePartOfTheKey() throws QueryException {
        CalciteTableRewriter rewriter = new CalciteTableRewriter(100, 16_384);
        GovernedTable other = new GovernedTable(KV.table(), KV.policy(), KV.columns(), KV.maskedColumns(),
                KV.rowFilter(), List.of(100L));
        for (int id = 1; id <= 3; id++) {
            String sql = "SELECT * FROM kv WHERE id = " + id;
            String a = rewriter.rewrite(sql, List.of(KV));
            String b = rewriter.rewrite(sql, List.of(other));
            assertTrue(a.contains("balance >= 0"), a);
            assertTrue(b.contains("balance >= 100"), b);
            assertNotEquals(a, b);
        }
    }

    @Test
    void theCachesAreBounded() throws QueryException {
        RewriteCache cache = new RewriteCache(3, 60);
        Counting full = new Counting(List.of(KV));
        for (int i = 0; i < 20; i++) {
            cache.rewrite("SELECT name" + i + " FROM kv WHERE id = 1", List.of(KV), full);
            cache.rewrite("SELECT name" + i + " FROM kv WHERE id = 2", List.of(KV), full);
        }
        assertEquals(3, cache.exactSize());
        assertTrue(cache.templateSize() <= 3);
        String longer = "SELECT name FROM kv WHERE id = 1 AND name <> 'a very long literal that passes the bound'";
        int before = full.calls;
        cache.rewrite(longer, List.of(KV), full);
        cache.rewrite(longer, List.of(KV), full);
        assertEquals(before + 2, full.calls, "a statement over the length bound is rewritten every time");
    }

    @Test
    void noCacheMeansEveryRewriteIsFull() throws QueryException {
        RewriteCache cache = new RewriteCache(0, 16_384);
        Counting full = new Counting(List.of(KV));
        List<String> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            results.add(cache.rewrite("SELECT * FROM kv WHERE id = 1", List.of(KV), full));
        }
        assertEquals(3, full.calls);
        assertEquals(1, results.stream().distinct().count());
    }
}

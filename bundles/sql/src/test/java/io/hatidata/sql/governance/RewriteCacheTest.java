package io.hatidata.sql.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.sql.GovernedTable;
import io.hatidata.api.sql.TableReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RewriteCacheTest {
    private static final GovernedTable MASK = GovernedTable.masked(TableReference.of("customers"), "pii",
            List.of("id", "email", "region"), Map.of("email", "'***'"));
    private static final GovernedTable EU = GovernedTable.filtered(TableReference.of("customers"), "region",
            "region = ?", List.of("eu"));
    private static final GovernedTable US = GovernedTable.filtered(TableReference.of("customers"), "region",
            "region = ?", List.of("us"));

    private final CalciteTableRewriter uncached = new CalciteTableRewriter(0);
    private final CalciteTableRewriter cached = new CalciteTableRewriter(16);

    /** The uncached rewriter's work, counted. */
    private final List<String> rewritten = new ArrayList<>();

    private RewriteCache.Rewriter counting(List<GovernedTable> tables) {
        return sql -> {
            rewritten.add(sql);
            try {
                return uncached.rewrite(sql, tables);
            } catch (QueryException ex) {
                throw new Unsafe(null, ex.getMessage());
            }
        };
    }

    @Test
    void statementsThatDifferOnlyInFreeLiteralsGetTheSameRewriteAsWithoutTheCache() throws Exception {
        List<GovernedTable> tables = List.of(MASK, EU);
        for (int i = 0; i < 5; i++) {
            String sql = "SELECT id, email FROM customers WHERE id = " + (100 + i) + " AND email <> 'x" + i + "'";
            assertEquals(uncached.rewrite(sql, tables), cached.rewrite(sql, tables), sql);
        }
    }

    @Test
    void theThirdStatementOfAShapeIsFilledFromItsTemplateWithoutARewrite() throws Exception {
        RewriteCache cache = new RewriteCache(16);
        List<GovernedTable> tables = List.of(MASK);
        cache.rewrite("SELECT email FROM customers WHERE id = 1", tables, counting(tables));
        cache.rewrite("SELECT email FROM customers WHERE id = 2", tables, counting(tables));
        assertEquals(3, rewritten.size(), "first sighting, second sighting and its sentinel probe: " + rewritten);
        String third = cache.rewrite("SELECT email FROM customers WHERE id = 3", tables, counting(tables));
        assertEquals(3, rewritten.size());
        assertEquals(uncached.rewrite("SELECT email FROM customers WHERE id = 3", tables), third);
        cache.rewrite("SELECT email FROM customers WHERE id = 3", tables, counting(tables));
        assertEquals(3, rewritten.size(), "the exact layer answers a repeated text");
    }

    @Test
    void otherGovernedTablesAreAnotherEntry() throws Exception {
        String sql = "SELECT * FROM customers WHERE id = 7";
        String eu = cached.rewrite(sql, List.of(EU));
        String us = cached.rewrite(sql, List.of(US));
        assertNotEquals(eu, us);
        assertEquals(uncached.rewrite(sql, List.of(US)), us);
        assertEquals(uncached.rewrite(sql, List.of(EU)), cached.rewrite(sql, List.of(EU)));
    }

    @Test
    void aRefusalIsRememberedAndThrownAgain() throws Exception {
        RewriteCache cache = new RewriteCache(16);
        List<GovernedTable> tables = List.of(MASK);
        String sql = "PIVOT customers ON region USING count(*)";
        Unsafe first = assertThrows(Unsafe.class, () -> cache.rewrite(sql, tables, counting(tables)));
        Unsafe second = assertThrows(Unsafe.class, () -> cache.rewrite(sql, tables, counting(tables)));
        assertSame(first, second);
        assertEquals(1, rewritten.size());
        QueryException refused = assertThrows(QueryException.class, () -> cached.rewrite(sql, tables));
        assertEquals("42501", refused.sqlState());
        assertEquals(refused.getMessage(), assertThrows(QueryException.class, () -> cached.rewrite(sql, tables)).getMessage());
    }

    @Test
    void theLayersAreBounded() throws Exception {
        RewriteCache cache = new RewriteCache(4);
        List<GovernedTable> tables = List.of(MASK);
        for (int i = 0; i < 20; i++) {
            cache.rewrite("SELECT email AS c" + i + " FROM customers", tables, counting(tables));
        }
        assertEquals(4, cache.size());
    }
}

package io.hatidata.sql.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.sql.GovernedTable;
import io.hatidata.api.sql.TableReference;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CalciteTableRewriterTest {
    private static final String MASKED = "(SELECT \"id\", '***' AS \"email\", \"region\" FROM customers)";
    private static final GovernedTable MASK = GovernedTable.masked(TableReference.of("customers"), "pii",
            List.of("id", "email", "region"), Map.of("email", "'***'"));
    private static final GovernedTable FILTER = GovernedTable.filtered(TableReference.of("customers"), "region",
            "region = ?", List.of("eu"));
    private final CalciteTableRewriter rewriter = new CalciteTableRewriter();

    private String mask(String sql) throws QueryException {
        return rewriter.rewrite(sql, List.of(MASK));
    }

    @Test
    void aPlainReferenceBecomesTheMaskedSubQueryUnderTheTablesName() throws QueryException {
        assertEquals("SELECT lower(email) FROM " + MASKED + " AS \"customers\"", mask("SELECT lower(email) FROM customers"));
    }

    /**
     * Comments Calcite would read differently from DuckDB (nesting, {@code /***}{@code /}, hints) and dollar
     * tags hid the table (a helper's review): the governed reference is found, or the statement refused.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT email /***/ FROM customers -- */ FROM other",
        "SELECT email /* /* */ FROM other -- */ FROM customers",
        "SELECT /*+ h('*/ email FROM customers --') */ 1",
        "SELECT $a$ -- $a$, email FROM customers",
        "SELECT email FROM customers; -- done",
    })
    void commentsAndDollarTagsCannotHideTheTable(String sql) {
        try {
            String rewritten = mask(sql);
            assertTrue(rewritten.contains(MASKED), rewritten);
        } catch (QueryException refused) {
            assertEquals("42501", refused.sqlState(), refused.getMessage());
        }
    }

    @Test
    void anAliasIsKept() throws QueryException {
        assertEquals("SELECT c.email FROM " + MASKED + " c", mask("SELECT c.email FROM customers c"));
        assertEquals("SELECT c.email FROM " + MASKED + " AS c", mask("SELECT c.email FROM customers AS c"));
    }

    @Test
    void schemaQualifiedAndQuotedNamesAreGoverned() throws QueryException {
        assertEquals("SELECT * FROM (SELECT \"id\", '***' AS \"email\", \"region\" FROM main.customers) AS \"customers\"",
                mask("SELECT * FROM main.customers"));
        assertTrue(mask("SELECT * FROM \"Customers\"").contains("FROM \"Customers\") AS \"Customers\""));
        assertEquals("SELECT * FROM other.customers x", rewriter.rewrite("SELECT * FROM other.customers x",
                List.of(GovernedTable.masked(TableReference.of("main", "customers"), "pii", List.of("email"),
                        Map.of("email", "'***'")))));
    }

    @Test
    void everyReferenceInJoinsSubQueriesSetOperationsAndCtesIsReplaced() throws QueryException {
        String sql = "WITH x AS (SELECT email FROM customers) SELECT a.email FROM customers a JOIN customers b ON a.id = b.id"
                + " WHERE a.email IN (SELECT email FROM customers) UNION SELECT email FROM x"
                + " INTERSECT SELECT email FROM customers EXCEPT SELECT email FROM (SELECT * FROM customers) s";
        String result = mask(sql);
        assertEquals(6, result.split("'\\*\\*\\*' AS", -1).length - 1, result);
    }

    @Test
    void aCteShadowingTheTableIsLeftButItsOwnBodyIsTheTable() throws QueryException {
        assertEquals("WITH customers AS (SELECT 1 AS email) SELECT email FROM customers",
                mask("WITH customers AS (SELECT 1 AS email) SELECT email FROM customers"));
        String result = mask("WITH customers AS (SELECT * FROM customers) SELECT email FROM customers");
        assertEquals("WITH customers AS (SELECT * FROM " + MASKED + " AS \"customers\") SELECT email FROM customers", result);
    }

    @Test
    void recursiveCtesAndLateralAreCovered() throws QueryException {
        String recursive = mask("WITH RECURSIVE r(n, e) AS (SELECT 1, email FROM customers UNION ALL"
                + " SELECT n + 1, e FROM r WHERE n < 3) SELECT * FROM r");
        assertTrue(recursive.contains(MASKED), recursive);
        String lateral = mask("SELECT o.x, l.email FROM (SELECT 1 AS x) o, LATERAL (SELECT email FROM customers) l");
        assertTrue(lateral.contains(MASKED), lateral);
    }

    @Test
    void rowFiltersBindTheirValuesAsLiterals() throws QueryException {
        GovernedTable sneaky = GovernedTable.filtered(TableReference.of("customers"), "region",
                "region = ? AND id > ?", List.of("eu' OR 1=1 --\\", 5L));
        assertEquals("SELECT * FROM (SELECT * FROM customers WHERE ((region = 'eu'' OR 1=1 --\\\\') AND (id > 5)))"
                + " AS \"customers\"", rewriter.rewrite("SELECT * FROM customers", List.of(sneaky)));
    }

    @Test
    void updateAndDeleteTargetRowsGetTheFilter() throws QueryException {
        assertEquals("DELETE FROM customers WHERE (id = 1) AND (region = 'eu')",
                rewriter.rewrite("DELETE FROM customers WHERE id = 1", List.of(FILTER)));
        assertEquals("DELETE FROM customers WHERE (region = 'eu');",
                rewriter.rewrite("DELETE FROM customers;", List.of(FILTER)));
        assertEquals("UPDATE customers SET region = 'us' WHERE (region = 'eu')",
                rewriter.rewrite("UPDATE customers SET region = 'us'", List.of(FILTER)));
    }

    @Test
    void statementsWithoutGovernedTablesComeBackAsTheyAre() throws QueryException {
        String sql = "SELECT IFF(a > 1, 'x', 'y') FROM orders";
        assertSame(sql, mask(sql));
        assertSame("SET search_path = main", mask("SET search_path = main"));
        assertSame("SHOW TABLES", mask("SHOW TABLES"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE VIEW v AS SELECT email FROM customers",
        "COPY customers TO '/tmp/x.csv'",
        "FROM customers SELECT email",
        "SELECT * FROM query_table('customers')",
        "SELECT * FROM query('SELECT email FROM ' || 'cust' || 'omers')",
        "EXPLAIN SELECT email FROM customers",
        "TABLE customers",
        "DELETE FROM customers WHERE email LIKE 'a%'",
        "UPDATE customers SET region = email",
        "SUMMARIZE customers",
        "DROP TABLE customers",
        "ALTER TABLE customers RENAME TO open_customers",
        "SELECT * FROM customers PIVOT (count(*) FOR region IN ('eu', 'us'))",
        // found by a review: lexers that disagree with DuckDB's hid the name (a backslash is no escape in
        // '…', a carriage return ends a -- comment, block comments nest)
        "FROM (SELECT '\\' AS a) x, customers SELECT * --'",
        "FROM orders --\r, customers SELECT *",
        "FROM orders /* /* */ , customers */ , customers SELECT *",
        "WITH x AS (SELECT '\\') UPDATE customers SET email = 'pwned' --')",
        "SELECT * FROM json_execute_serialized_sql(json_serialize_sql('SELECT * FROM cust' || 'omers'))",
    })
    void whatCannotBeProvedSafeIsRefused(String sql) {
        QueryException refused = assertThrows(QueryException.class, () -> mask(sql));
        assertEquals("42501", refused.sqlState(), refused.getMessage());
        assertTrue(refused.getMessage().startsWith("permission denied by policy pii: "), refused.getMessage());
    }

    @Test
    void aRowFilterWithoutValuesForItsMarksIsRefused() {
        GovernedTable broken = GovernedTable.filtered(TableReference.of("customers"), "region", "region = ?", List.of());
        assertThrows(QueryException.class, () -> rewriter.rewrite("SELECT * FROM customers", List.of(broken)));
    }

    @Test
    void parametersAndSubQueriesInsideWritesAreKept() throws QueryException {
        assertEquals("SELECT email FROM " + MASKED + " AS \"customers\" WHERE id = $1",
                mask("SELECT email FROM customers WHERE id = $1"));
        String update = rewriter.rewrite("UPDATE orders SET note = (SELECT max(email) FROM customers) WHERE id = $1",
                List.of(MASK));
        assertEquals("UPDATE orders SET note = (SELECT max(email) FROM " + MASKED + " AS \"customers\") WHERE id = $1",
                update);
        assertEquals("UPDATE customers AS c SET region = 'x' WHERE (c.id = 2) AND (region = 'eu')",
                rewriter.rewrite("UPDATE customers AS c SET region = 'x' WHERE c.id = 2", List.of(FILTER)));
    }

    @Test
    void rowFilterValuesKeepTheirTypes() throws QueryException {
        GovernedTable typed = GovernedTable.filtered(TableReference.of("customers"), "p",
                "id = ? AND active = ? AND score > ?", List.of(7L, true, new java.math.BigDecimal("1.50")));
        assertEquals("SELECT * FROM (SELECT * FROM customers WHERE (((id = 7) AND (active = TRUE)) AND (score > 1.50)))"
                + " AS \"customers\"", rewriter.rewrite("SELECT * FROM customers", List.of(typed)));
    }

    @Test
    void masksAndFiltersNestWhenAppliedOneAfterTheOther() throws QueryException {
        String filtered = rewriter.rewrite("SELECT email FROM customers c JOIN orders o USING (id)", List.of(FILTER));
        String masked = mask(filtered);
        assertEquals("SELECT email FROM (SELECT * FROM " + MASKED + " AS \"customers\" WHERE (region = 'eu')) c"
                + " JOIN orders o USING (id)", masked);
    }

    @Test
    void insertingIntoAGovernedTableFromElsewhereIsAllowed() throws QueryException {
        String sql = "INSERT INTO customers VALUES (1, 'a@b.c', 'eu')";
        assertSame(sql, mask(sql));
        assertFalse(mask("INSERT INTO archive SELECT * FROM customers").contains("FROM customers\n"));
    }
}

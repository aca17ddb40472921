package io.hatidata.resultcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.api.sql.StatementKind;
import io.hatidata.api.sql.TableReference;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatementRulesTest {

    static StatementAnalysis query(String sql, TableReference... tables) {
        return new StatementAnalysis(sql, StatementKind.QUERY, List.of(tables), List.of(), List.of(), sql, true);
    }

    private static String why(String sql, TableReference... tables) {
        return StatementRules.cacheability(query(sql, tables), SqlText.scan(sql), name -> name.equals("my_macro"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT id, upper(name) FROM orders WHERE id = $1",
        "WITH x AS (SELECT * FROM orders) SELECT count(*) FROM x",
        "SELECT sha256(CAST(email AS VARCHAR)) FROM orders ORDER BY 1 LIMIT 10",
        "SELECT 'now()' AS label, \"random\" FROM orders"})
    void deterministicQueriesOfTablesAreCacheable(String sql) {
        assertNull(why(sql, TableReference.of("orders")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT now(), id FROM orders", "SELECT * FROM orders WHERE ts < current_timestamp",
        "SELECT current_date FROM orders", "SELECT random() FROM orders", "SELECT nextval('s') FROM orders",
        "SELECT gen_random_uuid() FROM orders", "SELECT uuid() FROM orders", "SELECT * FROM orders USING SAMPLE 10",
        "SELECT current_setting('search_path') FROM orders", "SELECT user, id FROM orders",
        "SELECT * FROM orders, read_csv('x.csv')", "SELECT * FROM orders ORDER BY random()",
        "SELECT get_current_timestamp() FROM orders", "SELECT my_macro(id) FROM orders",
        "SELECT * FROM orders, duckdb_tables()", "SELECT transaction_timestamp() FROM orders"})
    void volatileOrSessionDependentQueriesAreNot(String sql) {
        assertNotNull(why(sql, TableReference.of("orders")), sql);
    }

    @Test
    void queriesOfNoTableOrOfTheCatalogOrNotAnalysedAreNot() {
        assertEquals("reads no table", why("SELECT 1"));
        assertNotNull(why("SELECT * FROM information_schema.tables", TableReference.of("information_schema", "tables")));
        assertNotNull(why("SELECT * FROM pg_class", TableReference.of("pg_class")));
        StatementAnalysis unparsed = new StatementAnalysis("FROM t SELECT 1", StatementKind.QUERY, List.of(), List.of(),
                List.of(), "FROM t SELECT 1", false);
        assertEquals("not analysed", StatementRules.cacheability(unparsed, SqlText.scan("FROM t SELECT 1"), name -> false));
        StatementAnalysis insert = new StatementAnalysis("INSERT INTO t VALUES (1)", StatementKind.INSERT, List.of(),
                List.of(TableReference.of("t")), List.of(), "INSERT INTO t VALUES (1)", true);
        assertEquals("not a query", StatementRules.cacheability(insert, SqlText.scan(insert.sql()), name -> false));
        assertEquals("not analysed", StatementRules.cacheability(null, SqlText.scan("SELECT 1"), name -> false));
    }

    private static StatementRules.Effect effect(StatementKind kind, String sql, boolean analyzed, TableReference... written) {
        StatementAnalysis analysis = new StatementAnalysis(sql, kind, List.of(), List.of(written), List.of(), sql, analyzed);
        return StatementRules.effect(analysis, SqlText.scan(sql));
    }

    @Test
    void writesOfAnalysedDataStatementsAreTheirTables() {
        StatementRules.Effect insert = effect(StatementKind.INSERT, "INSERT INTO main.Orders VALUES (1)", true,
                TableReference.of("main", "Orders"));
        assertTrue(insert.writes());
        assertEquals(List.of("main.orders"), insert.tables());
        assertFalse(insert.changesSession());
        assertEquals(List.of("t"), effect(StatementKind.UPDATE, "UPDATE t SET a = 1", true, TableReference.of("t")).tables());
        assertEquals(List.of("t"), effect(StatementKind.DELETE, "TRUNCATE t", true, TableReference.of("t")).tables());
    }

    @Test
    void ddlCopyAndUnknownStatementsWriteTheWholeEnvironment() {
        assertTrue(effect(StatementKind.DDL, "CREATE TABLE x (a INT)", true, TableReference.of("x")).environmentWide());
        assertTrue(effect(StatementKind.DDL, "DROP VIEW v", true, TableReference.of("v")).environmentWide());
        assertTrue(effect(StatementKind.UTILITY, "COPY t FROM 'f.csv'", false).environmentWide());
        assertTrue(effect(StatementKind.QUERY, "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x", false).environmentWide());
        assertTrue(effect(StatementKind.UTILITY, "EXPLAIN ANALYZE DELETE FROM t", true).environmentWide());
        assertTrue(effect(StatementKind.INSERT, "INSERT INTO t SELECT 1", true).environmentWide(), "no table known");
    }

    @Test
    void settingsAndTemporaryObjectsChangeTheSession() {
        for (String sql : List.of("SET search_path = 'other'", "USE other", "PRAGMA enable_profiling", "ATTACH 'x.db'")) {
            StatementRules.Effect effect = effect(StatementKind.UTILITY, sql, false);
            assertTrue(effect.environmentWide() && effect.changesSession(), sql);
        }
        StatementRules.Effect temp = effect(StatementKind.DDL, "CREATE TEMP TABLE orders (a INT)", true, TableReference.of("orders"));
        assertTrue(temp.environmentWide() && temp.changesSession());
    }

    @Test
    void readsAndTransactionControlChangeNothing() {
        for (String sql : List.of("BEGIN", "COMMIT", "ROLLBACK", "SHOW TABLES", "EXPLAIN SELECT 1")) {
            assertFalse(effect(StatementKind.UTILITY, sql, false).writes(), sql);
        }
        assertFalse(StatementRules.effect(query("SELECT * FROM t", TableReference.of("t")), SqlText.scan("SELECT * FROM t")).writes());
        assertFalse(effect(StatementKind.QUERY, "FROM t SELECT 1", false).writes());
    }

    @Test
    void macroDefinitionsAreNamed() {
        assertEquals("m", StatementRules.macroDefined(SqlText.scan("CREATE OR REPLACE MACRO main.m(a) AS a + random()")));
        assertEquals("f", StatementRules.macroDefined(SqlText.scan("create temp function f() as now()")));
        assertNull(StatementRules.macroDefined(SqlText.scan("CREATE TABLE m (a INT)")));
    }

    @Test
    void tablesReadAreTrackedByTheirLastNameSortedOnce() {
        assertEquals(List.of("a", "b"), StatementRules.tablesRead(query("q", TableReference.of("main", "B"),
                TableReference.of("a"), TableReference.of("b"))));
        assertTrue(Set.copyOf(StatementRules.VOLATILE_WORDS).contains("current_timestamp"));
    }
}

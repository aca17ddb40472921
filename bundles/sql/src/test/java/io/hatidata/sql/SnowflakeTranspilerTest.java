package io.hatidata.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.api.sql.StatementKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pass-through rules, identifiers, parameters and errors of {@link SnowflakeTranspiler}. */
class SnowflakeTranspilerTest {
    private final SnowflakeTranspiler transpiler = new SnowflakeTranspiler();

    /** Statements that work on DuckDB today reach it byte for byte. */
    @ParameterizedTest
    @ValueSource(strings = {
        "SET search_path = 'main'",
        "SHOW TABLES",
        "RESET search_path",
        "BEGIN",
        "COMMIT",
        "ROLLBACK",
        "START TRANSACTION",
        "CREATE TABLE x (a INTEGER, b HUGEINT, c STRUCT(a INT))",
        "CREATE TABLE orders (id INTEGER, amount DECIMAL(10,2))",
        "INSERT INTO orders VALUES (1, 9.99) RETURNING *",
        "INSERT INTO orders VALUES (1, 9.99)",
        "COPY orders TO 'x.csv'",
        "EXPLAIN SELECT 1",
        "CREATE SCHEMA s",
        "DROP SCHEMA s",
        "CREATE VIEW v AS SELECT 1",
        "CREATE SEQUENCE seq",
        "PRAGMA version",
        "SELECT c.oid::regclass FROM pg_catalog.pg_class c WHERE c.relname OPERATOR(pg_catalog.~) '^(t)$'",
        "SELECT table_name FROM information_schema.tables WHERE table_schema = $1",
        "SELECT x::regclass FROM pg_class",
        "SELECT * FROM orders WHERE id = $1 AND amount > $2",
        "select a from T",
        "SELECT \"Quoted\", unquoted FROM \"MyTable\"",
        "SELECT * FROM duckdb_tables()",
        "SELECT 1 FROM t LIMIT $1",
        "DELETE FROM orders WHERE id = $1"
    })
    void passesThroughUnchanged(String sql) throws QueryException {
        StatementAnalysis analysis = transpiler.analyze(sql);
        assertEquals(sql, analysis.engineSql());
        assertFalse(analysis.transpiled());
    }

    @Test
    void printsJsonObjectAndArrayAsDuckDbFunctions() throws QueryException {
        String sql = new SnowflakeTranspiler().transpile("SELECT json_object('e', x, 'n', 1), json_array(x, 2), IFF(a, 1, 2) FROM t");
        assertTrue(sql.contains("json_object('e', x, 'n', 1)"), sql);
        assertTrue(sql.contains("json_array(x, 2)"), sql);
    }

    @Test
    void keepsParametersThroughRewrites() throws QueryException {
        assertEquals("SELECT COALESCE(a, $1) FROM t WHERE b = $2",
                transpiler.analyze("SELECT NVL(a, $1) FROM t WHERE b = $2").engineSql());
    }

    @Test
    void keepsTheCaseOfUnquotedNamesAndTheQuotesOfQuotedOnes() throws QueryException {
        assertEquals("SELECT COALESCE(Amount, 0), \"Order Id\", \"select\" FROM Orders AS o",
                transpiler.analyze("select nvl(Amount, 0), \"Order Id\", \"select\" from Orders o").engineSql());
    }

    @Test
    void quotesReservedWordsUsedAsNames() throws QueryException {
        assertEquals("SELECT COALESCE(\"order\", 1) FROM t",
                transpiler.analyze("SELECT NVL(\"order\", 1) FROM t").engineSql());
    }

    @Test
    void classifiesStatementsTheParserCannotReadByTheirFirstKeyword() throws QueryException {
        assertEquals(StatementKind.UTILITY, transpiler.analyze("EXPLAIN SELECT 1").kind());
        assertEquals(StatementKind.INSERT, transpiler.analyze("INSERT INTO t VALUES (1) RETURNING *").kind());
        assertEquals(StatementKind.DDL, transpiler.analyze("CREATE TABLE x (s STRUCT(a INT))").kind());
        assertEquals(StatementKind.QUERY, transpiler.analyze("SELECT 1 FROM t LIMIT $1").kind());
        assertFalse(transpiler.analyze("EXPLAIN SELECT 1").analyzed());
    }

    @Test
    void mapsSnowflakeTypesInDdl() throws QueryException {
        assertEquals("CREATE TABLE e (id DECIMAL(38, 0), v JSON, n DECIMAL(10,2), s VARCHAR, ts TIMESTAMP)",
                transpiler.analyze("CREATE TABLE e (id NUMBER, v VARIANT, n NUMBER(10,2), s STRING, ts TIMESTAMP_NTZ)")
                        .engineSql());
    }

    @Test
    void transpilesTheQueryOfCreateTableAs() throws QueryException {
        StatementAnalysis analysis = transpiler.analyze("CREATE TABLE x AS SELECT IFF(a > 1, 'y', 'n') AS c FROM t;");
        assertEquals("CREATE TABLE x AS SELECT CASE WHEN a > 1 THEN 'y' ELSE 'n' END AS c FROM t", analysis.engineSql());
        assertEquals(StatementKind.DDL, analysis.kind());
    }

    @Test
    void refusesUntranslatableConstructsNamingThem() {
        QueryException e = assertThrows(QueryException.class,
                () -> transpiler.analyze("SELECT * FROM t AT(OFFSET => -60)"));
        assertEquals("0A000", e.sqlState());
        assertTrue(e.getMessage().contains("time travel"), e.getMessage());
        QueryException flatten = assertThrows(QueryException.class, () -> transpiler.analyze(
                "SELECT * FROM TABLE(FLATTEN(input => x, path => 'a'))"));
        assertTrue(flatten.getMessage().contains("FLATTEN with the argument PATH"), flatten.getMessage());
    }

    @Test
    void strictTranspileReportsSyntaxErrorsWithTheirPosition() {
        QueryException e = assertThrows(QueryException.class, () -> transpiler.transpile("SELECT a FROM t WHERE"));
        assertEquals("42601", e.sqlState());
        assertTrue(e.getMessage().endsWith("at line 1, column 17"), e.getMessage());
    }

    @Test
    void positionsOfSyntaxErrorsReferToTheClientsTextAfterPreprocessing() {
        QueryException e = assertThrows(QueryException.class,
                () -> transpiler.transpile("SELECT v:a::string,\n  x FROM WHERE"));
        assertTrue(e.getMessage().endsWith("at line 2, column 5"), e.getMessage());
    }

    @Test
    void leavesStatementsWithoutSnowflakeConstructsAsWritten() throws QueryException {
        String sql = "SELECT o.id, c.name FROM orders o JOIN customers c ON o.cid = c.id WHERE o.total > 10";
        assertEquals(sql, transpiler.transpile(sql));
    }

    @Test
    void sortsNullsFirstWhenDescendingAsSnowflakeDoes() throws QueryException {
        assertEquals("SELECT a FROM t ORDER BY a DESC NULLS FIRST, b",
                transpiler.transpile("SELECT a FROM t ORDER BY a DESC, b").replace('\n', ' '));
    }

    @Test
    void colonPathsDoNotTouchStringsCastsOrComments() throws QueryException {
        assertEquals("SELECT 'a:b', CAST(x AS INTEGER), json_extract(v, '$.k') FROM t",
                transpiler.transpile("SELECT 'a:b', x::integer, v:k /* c:d */ FROM t")
                        .replace("CAST(CAST(x AS DECIMAL(38, 0)) AS INTEGER)", "CAST(x AS INTEGER)"));
    }
}

package io.hatidata.sql.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.sql.ColumnLineage;
import io.hatidata.api.sql.SourceColumn;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.api.sql.StatementKind;
import io.hatidata.api.sql.TableReference;
import io.hatidata.sql.SnowflakeTranspiler;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Statement kinds, tables read and written, and column lineage ({@link TableCollector}, {@link LineageResolver}). */
class StatementAnalysisTest {
    private final SnowflakeTranspiler transpiler = new SnowflakeTranspiler();

    private StatementAnalysis analyze(String sql) throws QueryException {
        return transpiler.analyze(sql);
    }

    private List<String> read(String sql) throws QueryException {
        return analyze(sql).tablesRead().stream().map(TableReference::toString).toList();
    }

    @Test
    void kinds() throws QueryException {
        assertEquals(StatementKind.QUERY, analyze("SELECT 1").kind());
        assertEquals(StatementKind.QUERY, analyze("WITH c AS (SELECT 1) SELECT * FROM c").kind());
        assertEquals(StatementKind.QUERY, analyze("SELECT a FROM t UNION SELECT b FROM u ORDER BY 1").kind());
        assertEquals(StatementKind.QUERY, analyze("VALUES (1), (2)").kind());
        assertEquals(StatementKind.INSERT, analyze("INSERT INTO t SELECT * FROM u").kind());
        assertEquals(StatementKind.UPDATE, analyze("UPDATE t SET a = 1").kind());
        assertEquals(StatementKind.DELETE, analyze("DELETE FROM t").kind());
        assertEquals(StatementKind.DELETE, analyze("TRUNCATE TABLE t").kind());
        assertEquals(StatementKind.MERGE, analyze("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE").kind());
        assertEquals(StatementKind.DDL, analyze("CREATE TABLE t (a INT)").kind());
        assertEquals(StatementKind.DDL, analyze("DROP TABLE t").kind());
        assertEquals(StatementKind.DDL, analyze("ALTER TABLE t ADD COLUMN b INT").kind());
        assertEquals(StatementKind.UTILITY, analyze("SET search_path = 'main'").kind());
        assertEquals(StatementKind.UTILITY, analyze("BEGIN").kind());
        assertEquals(StatementKind.UTILITY, analyze("PRAGMA version").kind());
    }

    @Test
    void tablesOfJoinsSubqueriesAndSetOperations() throws QueryException {
        assertEquals(List.of("orders", "customers", "regions"), read(
                "SELECT * FROM orders o JOIN customers c ON o.cid = c.id LEFT JOIN regions r ON r.id = c.rid"));
        assertEquals(List.of("a", "b", "c"), read("SELECT x FROM a UNION ALL SELECT x FROM b EXCEPT SELECT x FROM c"));
        assertEquals(List.of("t", "u", "v", "w"), read(
                "SELECT (SELECT MAX(x) FROM u) FROM t WHERE EXISTS (SELECT 1 FROM v) AND a IN (SELECT a FROM w)"));
        assertEquals(List.of("db.sch.tbl", "sch.other"), read("SELECT * FROM db.sch.tbl, sch.other"));
    }

    @Test
    void cteNamesAreNotTables() throws QueryException {
        assertEquals(List.of("orders", "customers"), read(
                "WITH big AS (SELECT * FROM orders WHERE total > 10), named AS (SELECT * FROM big JOIN customers USING (cid))"
                        + " SELECT * FROM named"));
        assertEquals(List.of("big"), read("SELECT * FROM big"));
    }

    @Test
    void tablesInLateralAndFlatten() throws QueryException {
        assertEquals(List.of("customers", "orders"), read(
                "SELECT * FROM customers c, LATERAL (SELECT COUNT(*) FROM orders o WHERE o.cid = c.id) x"));
        assertEquals(List.of("events"), read(
                "SELECT f.value FROM events e, LATERAL FLATTEN(input => e.payload:items) f"));
    }

    /** DuckDB runs DML after a WITH clause; the parser cannot read it, so the text must not pass as a query. */
    @Test
    void dataChangesAfterAWithClauseAreWritesOfTheirTarget() throws QueryException {
        StatementAnalysis delete = analyze("WITH x AS (SELECT 1) DELETE FROM main.orders WHERE id IN (SELECT * FROM x)");
        assertEquals(StatementKind.DELETE, delete.kind());
        assertEquals(List.of(TableReference.of("main", "orders")), delete.tablesWritten());
        StatementAnalysis insert = analyze(
                "with recursive x(i) as (select 1), y as materialized ((select 2)) insert into \"Archive\" select * from x");
        assertEquals(StatementKind.INSERT, insert.kind());
        assertEquals(List.of(TableReference.of("Archive")), insert.tablesWritten());
        StatementAnalysis update = analyze("WITH x AS (SELECT 1) UPDATE ONLY t SET i = 2");
        assertEquals(StatementKind.UPDATE, update.kind());
        assertEquals(List.of(TableReference.of("t")), update.tablesWritten());
        assertEquals(StatementKind.UTILITY, analyze("WITH x AS (SELECT 1").kind(), "a clause that never ends proves nothing");
        assertEquals(List.of(TableReference.of("orders")), analyze("INSERT OR IGNORE INTO orders VALUES (1)").tablesWritten());
        // a plain DELETE that the parser cannot read names its target too
        assertEquals(List.of(TableReference.of("t")), analyze("DELETE FROM t USING u WHERE t.id = u.id RETURNING *").tablesWritten());
    }

    @Test
    void tablesWritten() throws QueryException {
        StatementAnalysis insert = analyze("INSERT INTO archive SELECT * FROM orders WHERE created < '2020-01-01'");
        assertEquals(List.of(TableReference.of("archive")), insert.tablesWritten());
        assertEquals(List.of(TableReference.of("orders")), insert.tablesRead());
        StatementAnalysis update = analyze("UPDATE t SET a = 1 WHERE b IN (SELECT b FROM u)");
        assertEquals(List.of(TableReference.of("t")), update.tablesWritten());
        assertEquals(List.of(TableReference.of("u")), update.tablesRead());
        StatementAnalysis merge = analyze("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = s.a");
        assertEquals(List.of(TableReference.of("t")), merge.tablesWritten());
        assertEquals(List.of(TableReference.of("s")), merge.tablesRead());
        assertEquals(List.of(TableReference.of("x")), analyze("CREATE TABLE x (a INT)").tablesWritten());
        // the parser does not read DROP: the target comes from the first tokens, the statement stays unanalyzed
        StatementAnalysis drop = analyze("DROP TABLE IF EXISTS s.x");
        assertEquals(List.of(TableReference.of("s", "x")), drop.tablesWritten());
        assertEquals(false, drop.analyzed());
        assertEquals(List.of(TableReference.of("orders")),
                analyze("INSERT INTO orders VALUES (1) RETURNING *").tablesWritten());
        assertEquals(List.of(TableReference.of("t")), analyze("TRUNCATE TABLE t").tablesWritten());
    }

    @Test
    void normalizedNamesAreLowerCase() throws QueryException {
        TableReference table = analyze("SELECT * FROM Sales.\"Orders\"").tablesRead().get(0);
        assertEquals("Orders", table.name());
        assertEquals("Sales", table.schema());
        assertEquals("sales.orders", table.normalizedName());
    }

    private static Set<String> sources(ColumnLineage lineage) {
        return lineage.sources().stream().map(SourceColumn::toString).collect(Collectors.toSet());
    }

    @Test
    void lineageThroughAliasesExpressionsAndJoins() throws QueryException {
        List<ColumnLineage> lineage = analyze(
                "SELECT o.id AS order_id, UPPER(c.name) AS customer, o.total * 2, 1 AS one"
                        + " FROM orders o JOIN customers c ON o.cid = c.id").lineage();
        assertEquals(4, lineage.size());
        assertEquals("order_id", lineage.get(0).name());
        assertEquals(Set.of("orders.id"), sources(lineage.get(0)));
        assertEquals(Set.of("customers.name"), sources(lineage.get(1)));
        assertEquals(Set.of("orders.total"), sources(lineage.get(2)));
        assertEquals(Set.of(), sources(lineage.get(3)));
    }

    @Test
    void lineageThroughCtesSubqueriesAndUnions() throws QueryException {
        List<ColumnLineage> cte = analyze(
                "WITH s AS (SELECT email AS contact FROM users) SELECT contact FROM s").lineage();
        assertEquals(Set.of("users.email"), sources(cte.get(0)));
        List<ColumnLineage> subquery = analyze(
                "SELECT x.n FROM (SELECT LOWER(name) AS n FROM people) x").lineage();
        assertEquals(Set.of("people.name"), sources(subquery.get(0)));
        List<ColumnLineage> union = analyze("SELECT a FROM t UNION SELECT b FROM u").lineage();
        assertEquals(Set.of("t.a", "u.b"), sources(union.get(0)));
    }

    @Test
    void lineageIsConservativeForAmbiguousNamesAndStars() throws QueryException {
        List<ColumnLineage> ambiguous = analyze("SELECT name FROM a, b").lineage();
        assertEquals(Set.of("a.name", "b.name"), sources(ambiguous.get(0)));
        List<ColumnLineage> star = analyze("SELECT * FROM a JOIN b ON a.id = b.id").lineage();
        assertEquals(Set.of("a.*", "b.*"), sources(star.get(0)));
    }

    @Test
    void noLineageForOtherStatements() throws QueryException {
        assertEquals(List.of(), analyze("DELETE FROM t WHERE a = 1").lineage());
    }
}

package io.hatidata.engine.duckdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.engine.EngineSession;
import io.hatidata.api.query.Column;
import io.hatidata.api.query.ColumnType;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.StatementDescription;
import io.hatidata.api.query.TransactionStatus;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parameters ($1 … $n) and describe, on real DuckDB. */
class DuckDbSessionTest {
    @TempDir
    Path dataDir;

    private DuckDbQueryEngine engine;
    private EngineSession session;

    @BeforeEach
    void start() throws Exception {
        engine = new DuckDbQueryEngine(DuckDbQueryEngineTest.config(dataDir.toString(), 0));
        session = engine.openSession("env_dev_a");
    }

    @AfterEach
    void stop() {
        session.close();
        engine.deactivate();
    }

    private RecordingSink run(String sql, Object... parameters) throws QueryException {
        RecordingSink sink = new RecordingSink();
        session.execute(sql, Arrays.asList(parameters), sink);
        return sink;
    }

    @Test
    void bindsParametersOfSeveralTypes() throws Exception {
        run("CREATE TABLE t (i INTEGER, b BIGINT, s VARCHAR, d DATE, n DECIMAL(10,2), f BOOLEAN, u UUID, x BLOB)");
        UUID id = UUID.randomUUID();
        RecordingSink insert = run("INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                7, 9_000_000_000L, "seven", LocalDate.of(2024, 2, 29), new BigDecimal("12.34"), true, id,
                new byte[] {1, 2, 3});
        assertEquals("INSERT 0 1", insert.tag);
        RecordingSink select = run("SELECT i, b, s, d, n, f, u, x FROM t WHERE i = $1 AND s = $2", 7, "seven");
        assertEquals("SELECT 1", select.tag);
        Object[] row = select.rows.get(0);
        assertEquals(7, row[0]);
        assertEquals(9_000_000_000L, row[1]);
        assertEquals("seven", row[2]);
        assertEquals(LocalDate.of(2024, 2, 29), row[3]);
        assertEquals(new BigDecimal("12.34"), row[4]);
        assertEquals(true, row[5]);
        assertEquals(id, row[6]);
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) row[7]);
    }

    @Test
    void bindsNullsShortsFloatsAndTimes() throws Exception {
        LocalDateTime timestamp = LocalDateTime.of(2024, 1, 2, 3, 4, 5);
        OffsetDateTime instant = OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
        RecordingSink select = run("SELECT $1::INTEGER AS a, $2::SMALLINT AS b, $3::DOUBLE AS c, $4::TIME AS d,"
                        + " $5::TIMESTAMP AS e, $6::TIMESTAMPTZ AS f",
                null, (short) 3, 1.5d, LocalTime.of(1, 2, 3), timestamp, instant);
        Object[] row = select.rows.get(0);
        assertEquals(null, row[0]);
        assertEquals((short) 3, row[1]);
        assertEquals(1.5d, row[2]);
        assertEquals(LocalTime.of(1, 2, 3), row[3]);
        assertEquals(timestamp, row[4]);
        assertTrue(instant.isEqual((OffsetDateTime) row[5]));
    }

    @Test
    void aRepeatedTextRunsFromItsKeptStatementAndFollowsCatalogChanges() throws Exception {
        run("CREATE TABLE k (id INTEGER, v VARCHAR)");
        run("INSERT INTO k VALUES (1, 'one')");
        for (int i = 0; i < 3; i++) {
            RecordingSink select = run("SELECT * FROM k WHERE id = $1", 1);
            assertEquals("SELECT 1", select.tag);
            assertEquals("one", select.rows.get(0)[1]);
        }
        run("INSERT INTO k VALUES (2, 'two')");
        assertEquals("SELECT 1", run("SELECT * FROM k WHERE id = $1", 2).tag, "a kept statement sees new rows");
        // the result's columns change: DuckDB refuses to re-bind the kept statement, the session prepares anew
        run("ALTER TABLE k ADD COLUMN w INTEGER DEFAULT 5");
        RecordingSink widened = run("SELECT * FROM k WHERE id = $1", 1);
        assertEquals(3, widened.columns.size());
        assertEquals(5, widened.rows.get(0)[2]);
        run("DROP TABLE k");
        QueryException gone = assertThrows(QueryException.class, () -> run("SELECT * FROM k WHERE id = $1", 1));
        assertEquals("42P01", gone.sqlState());
        run("CREATE TABLE k (id INTEGER)");
        assertEquals(1, run("SELECT * FROM k WHERE id = $1", 1).columns.size());
    }

    @Test
    void aKeptStatementFollowsTheSearchPath() throws Exception {
        run("CREATE SCHEMA a");
        run("CREATE SCHEMA b");
        run("CREATE TABLE a.t AS SELECT 'a' AS v");
        run("CREATE TABLE b.t AS SELECT 'b' AS v");
        run("SET search_path = 'a'");
        for (int i = 0; i < 3; i++) {
            assertEquals("a", run("SELECT v FROM t").rows.get(0)[0]);
        }
        // DuckDB does not re-bind a prepared statement when the search path changes: the session drops its kept ones
        run("SET search_path = 'b'");
        assertEquals("b", run("SELECT v FROM t").rows.get(0)[0]);
        assertEquals("b", run("SELECT v FROM t").rows.get(0)[0]);
        run("BEGIN");
        run("USE a");
        assertEquals("a", run("SELECT v FROM t").rows.get(0)[0]);
        run("COMMIT");
    }

    @Test
    void aRepeatedMultiStatementTextRunsAllItsStatementsEveryTime() throws Exception {
        run("CREATE TABLE m (i INTEGER)");
        for (int i = 0; i < 3; i++) {
            run("INSERT INTO m VALUES (1); SELECT count(*) FROM m");
        }
        assertEquals(3L, run("SELECT count(*) FROM m").rows.get(0)[0]);
    }

    @Test
    void parameterCountMismatchIsAProtocolViolation() {
        QueryException tooFew = assertThrows(QueryException.class, () -> run("SELECT $1::INTEGER + $2::INTEGER", 1));
        assertEquals("08P01", tooFew.sqlState());
        assertTrue(tooFew.getMessage().contains("supplies 1 parameters"), tooFew.getMessage());
        QueryException tooMany = assertThrows(QueryException.class, () -> run("SELECT $1::INTEGER", 1, 2));
        assertEquals("08P01", tooMany.sqlState());
        assertEquals(TransactionStatus.IDLE, session.transactionStatus());
    }

    @Test
    void describesASelectWithParameters() throws Exception {
        run("CREATE TABLE t (id INTEGER, name VARCHAR)");
        StatementDescription description = session.describe("SELECT id, name FROM t WHERE id = $1 AND name = $2");
        assertEquals(List.of(ColumnType.INT4, ColumnType.TEXT), description.parameterTypes());
        assertEquals(List.of(new Column("id", ColumnType.INT4), new Column("name", ColumnType.TEXT)),
                description.columns());
    }

    @Test
    void describesAnInsertWithoutColumns() throws Exception {
        run("CREATE TABLE t (id BIGINT, name VARCHAR)");
        StatementDescription description = session.describe("INSERT INTO t VALUES ($1, $2)");
        assertEquals(List.of(ColumnType.INT8, ColumnType.TEXT), description.parameterTypes());
        assertEquals(List.of(), description.columns());
        assertEquals(List.of(), session.describe("CREATE TABLE u (v INTEGER)").columns());
    }

    @Test
    void untypedParametersDescribeAsTextAndTheirValuesTypeTheResult() throws Exception {
        assertEquals(List.of(ColumnType.TEXT), session.describe("SELECT $1 AS v").parameterTypes());
        StatementDescription bound = session.describe("SELECT $1 AS v, $2::INTEGER + 1 AS w", List.of(5L, 2));
        assertEquals(List.of(new Column("v", ColumnType.INT8), new Column("w", ColumnType.INT4)), bound.columns());
    }

    @Test
    void describeReportsSyntaxErrors() {
        QueryException error = assertThrows(QueryException.class, () -> session.describe("SELEC $1"));
        assertEquals("42601", error.sqlState());
    }

    @Test
    void aCancelBeforeTheEngineStartsStopsTheStatementUntilTheNextOneStarts() throws Exception {
        session.statementStarted();
        session.cancel(); // as when a statement timeout fires while the statement is still in an earlier stage
        QueryException cancelled = assertThrows(QueryException.class, () -> run("SELECT 1"));
        assertEquals("57014", cancelled.sqlState());
        session.statementStarted();
        assertEquals("SELECT 1", run("SELECT 1").tag);
    }
}

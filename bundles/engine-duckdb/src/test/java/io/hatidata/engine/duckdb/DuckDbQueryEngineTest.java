package io.hatidata.engine.duckdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.engine.EngineSession;
import io.hatidata.api.query.ColumnType;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.TransactionStatus;
import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the engine on real DuckDB files in a temporary data folder. */
class DuckDbQueryEngineTest {
    @TempDir
    Path dataDir;

    private DuckDbQueryEngine engine;

    @BeforeEach
    void start() throws Exception {
        engine = new DuckDbQueryEngine(config(dataDir.toString(), 0));
    }

    @AfterEach
    void stop() {
        engine.deactivate();
    }

    @Test
    void createsInsertsAndSelectsWithPostgresTags() throws Exception {
        try (EngineSession session = engine.openSession("env_dev_a")) {
            assertEquals("CREATE TABLE", run(session, "CREATE TABLE t (id INTEGER, name VARCHAR)").tag);
            assertEquals("INSERT 0 2", run(session, "INSERT INTO t VALUES (1, 'a'), (2, 'b')").tag);
            assertEquals("UPDATE 1", run(session, "UPDATE t SET name = 'c' WHERE id = 2").tag);
            RecordingSink select = run(session, "SELECT id, name FROM t ORDER BY id");
            assertEquals("SELECT 2", select.tag);
            assertEquals(List.of("id", "name"), select.columns.stream().map(c -> c.name()).toList());
            assertEquals(ColumnType.INT4, select.columns.get(0).type());
            assertEquals(ColumnType.TEXT, select.columns.get(1).type());
            assertArrayEquals(new Object[] {2, "c"}, select.rows.get(1));
            assertEquals("DELETE 2", run(session, "DELETE FROM t").tag);
            assertEquals("DROP TABLE", run(session, "DROP TABLE t").tag);
        }
    }

    @Test
    void keepsDataInOneFilePerEnvironment() throws Exception {
        try (EngineSession session = engine.openSession("env_dev_a")) {
            run(session, "CREATE TABLE kept (v INTEGER)");
            run(session, "INSERT INTO kept VALUES (7)");
        }
        try (EngineSession other = engine.openSession("env_prod_b")) {
            QueryException missing = assertThrows(QueryException.class, () -> run(other, "SELECT * FROM kept"));
            assertEquals("42P01", missing.sqlState());
        }
        engine.deactivate();
        assertTrue(Files.exists(dataDir.resolve("environments/env_dev_a.duckdb")));

        engine = new DuckDbQueryEngine(config(dataDir.toString(), 0));
        try (EngineSession session = engine.openSession("env_dev_a")) {
            assertEquals(7, run(session, "SELECT v FROM kept").rows.get(0)[0]);
        }
    }

    @Test
    void mapsTypesToPostgresTypesAndJavaValues() throws Exception {
        try (EngineSession session = engine.openSession("env_types")) {
            RecordingSink sink = run(session, "SELECT true AS b, 2::SMALLINT AS s, 3::BIGINT AS l, 1.5::DOUBLE AS d,"
                    + " 3.14::DECIMAL(5,2) AS n, 12345678901234567890::HUGEINT AS h, DATE '2024-01-02' AS dt,"
                    + " TIMESTAMP '2024-01-02 03:04:05.5' AS ts, TIMESTAMPTZ '2024-01-02 03:04:05+00' AS tz,"
                    + " 'f47ac10b-58cc-4372-a567-0e02b2c3d479'::UUID AS u, '\\xAB'::BLOB AS bl, [1, 2] AS li,"
                    + " ['x', NULL] AS tl, NULL::INTEGER AS nothing, {'a': 1} AS st");
            List<ColumnType> types = sink.columns.stream().map(c -> c.type()).toList();
            assertEquals(List.of(ColumnType.BOOL, ColumnType.INT2, ColumnType.INT8, ColumnType.FLOAT8, ColumnType.NUMERIC,
                    ColumnType.NUMERIC, ColumnType.DATE, ColumnType.TIMESTAMP, ColumnType.TIMESTAMPTZ, ColumnType.UUID,
                    ColumnType.BYTEA, ColumnType.INT4_ARRAY, ColumnType.TEXT_ARRAY, ColumnType.INT4, ColumnType.TEXT), types);
            Object[] row = sink.rows.get(0);
            assertEquals(Boolean.TRUE, row[0]);
            assertEquals((short) 2, row[1]);
            assertEquals(3L, row[2]);
            assertEquals(1.5d, row[3]);
            assertEquals(new BigDecimal("3.14"), row[4]);
            assertEquals(new BigDecimal("12345678901234567890"), row[5]);
            assertEquals(LocalDate.of(2024, 1, 2), row[6]);
            assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 500_000_000), row[7]);
            assertEquals(OffsetDateTime.parse("2024-01-02T03:04:05Z").toInstant(), ((OffsetDateTime) row[8]).toInstant());
            assertEquals(UUID.fromString("f47ac10b-58cc-4372-a567-0e02b2c3d479"), row[9]);
            assertArrayEquals(new byte[] {(byte) 0xAB}, (byte[]) row[10]);
            assertEquals(List.of(1, 2), row[11]);
            assertEquals(java.util.Arrays.asList("x", null), row[12]);
            assertEquals(null, row[13]);
            assertEquals("{'a': 1}", row[14]);
        }
    }

    @Test
    void reportsErrorsWithPostgresSqlStates() throws Exception {
        try (EngineSession session = engine.openSession("env_errors")) {
            assertEquals("42601", assertThrows(QueryException.class, () -> run(session, "SELEC 1")).sqlState());
            assertEquals("42P01", assertThrows(QueryException.class, () -> run(session, "SELECT * FROM nope")).sqlState());
            run(session, "CREATE TABLE t (id INTEGER PRIMARY KEY)");
            assertEquals("42P07", assertThrows(QueryException.class, () -> run(session, "CREATE TABLE t (x INTEGER)")).sqlState());
            assertEquals("42703", assertThrows(QueryException.class, () -> run(session, "SELECT nocolumn FROM t")).sqlState());
            run(session, "INSERT INTO t VALUES (1)");
            assertEquals("23505", assertThrows(QueryException.class, () -> run(session, "INSERT INTO t VALUES (1)")).sqlState());
            assertEquals("22P02", assertThrows(QueryException.class, () -> run(session, "SELECT 'a'::INTEGER")).sqlState());
            assertEquals("SELECT 1", run(session, "SELECT 1").tag, "the session survives its errors");
        }
    }

    @Test
    void tracksExplicitTransactions() throws Exception {
        try (EngineSession session = engine.openSession("env_tx")) {
            run(session, "CREATE TABLE t (v INTEGER)");
            assertEquals("BEGIN", run(session, "BEGIN").tag);
            assertEquals(TransactionStatus.IN_TRANSACTION, session.transactionStatus());
            run(session, "INSERT INTO t VALUES (1)");
            assertEquals("ROLLBACK", run(session, "ROLLBACK").tag);
            assertEquals(TransactionStatus.IDLE, session.transactionStatus());
            assertEquals("SELECT 0", run(session, "SELECT * FROM t").tag);
        }
    }

    @Test
    void statementsCannotReachHostFilesOtherEnvironmentsOrEngineLimits() throws Exception {
        try (EngineSession other = engine.openSession("env_other")) {
            run(other, "CREATE TABLE secret (v INTEGER)");
        }
        Path keyFile = Files.writeString(dataDir.resolve("bootstrap-api-key"), "hd_live_secret\n");
        try (EngineSession session = engine.openSession("env_mine")) {
            String otherFile = dataDir.resolve("environments/env_other.duckdb").toString();
            assertEquals("42501", assertThrows(QueryException.class,
                    () -> run(session, "SELECT * FROM read_text('" + keyFile + "')")).sqlState());
            // refused (as a permission error, or as a conflict with the file this process already has open)
            assertThrows(QueryException.class, () -> run(session, "ATTACH '" + otherFile + "' AS other"));
            assertEquals("42P01", assertThrows(QueryException.class, () -> run(session, "SELECT * FROM other.secret")).sqlState());
            assertEquals("42501", assertThrows(QueryException.class,
                    () -> run(session, "COPY (SELECT 1) TO '" + dataDir.resolve("out.csv") + "'")).sqlState());
            assertThrows(QueryException.class, () -> run(session, "SET memory_limit = '100GB'"));
            assertTrue(Files.notExists(dataDir.resolve("out.csv")));
        }
    }

    @Test
    void reportsAnAbortedTransactionRightAfterTheFailingStatement() throws Exception {
        try (EngineSession session = engine.openSession("env_abort")) {
            run(session, "CREATE TABLE t (id INTEGER PRIMARY KEY)");
            run(session, "BEGIN");
            run(session, "INSERT INTO t VALUES (1)");
            assertEquals("23505", assertThrows(QueryException.class, () -> run(session, "INSERT INTO t VALUES (1)")).sqlState());
            assertEquals(TransactionStatus.FAILED, session.transactionStatus());
            assertEquals("25P02", assertThrows(QueryException.class, () -> run(session, "SELECT 1")).sqlState());
            run(session, "ROLLBACK");
            assertEquals(TransactionStatus.IDLE, session.transactionStatus());

            run(session, "BEGIN");
            assertThrows(QueryException.class, () -> run(session, "SELECT * FROM missing"));
            assertEquals(TransactionStatus.IN_TRANSACTION, session.transactionStatus(), "binder errors keep it usable");
            run(session, "COMMIT");
        }
    }

    @Test
    void stopsProducingWhenTheSinkRefusesRows() throws Exception {
        try (EngineSession session = engine.openSession("env_stream")) {
            RecordingSink refusing = new RecordingSink(100);
            QueryException gone = assertThrows(QueryException.class,
                    () -> session.execute("SELECT * FROM range(100000000)", refusing));
            assertEquals("08006", gone.sqlState());
            assertEquals(100, refusing.rows.size());
            assertEquals("SELECT 1", run(session, "SELECT 1").tag);
        }
    }

    @Test
    void refusesEnvironmentIdsThatAreNotFileNames() {
        assertEquals("3D000", assertThrows(QueryException.class, () -> engine.openSession("../etc")).sqlState());
    }

    @Test
    void closedSessionsRefuseStatements() throws Exception {
        EngineSession session = engine.openSession("env_closed");
        session.close();
        session.close();
        assertEquals("57P01", assertThrows(QueryException.class, () -> run(session, "SELECT 1")).sqlState());
    }

    private static RecordingSink run(EngineSession session, String sql) throws QueryException {
        RecordingSink sink = new RecordingSink();
        session.execute(sql, sink);
        return sink;
    }

    static DuckDbQueryEngineConfig config(String dataDir, int timeoutSeconds) {
        return new DuckDbQueryEngineConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return DuckDbQueryEngineConfig.class;
            }

            @Override
            public String dataDir() {
                return dataDir;
            }

            @Override
            public String memoryLimit() {
                return "256MB";
            }

            @Override
            public int threads() {
                return 1;
            }

            @Override
            public int statementTimeoutSeconds() {
                return timeoutSeconds;
            }

            @Override
            public String hatidata_engine() {
                return "duckdb";
            }
        };
    }
}

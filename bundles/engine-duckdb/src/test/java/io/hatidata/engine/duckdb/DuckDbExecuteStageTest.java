package io.hatidata.engine.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hatidata.api.engine.EngineSession;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.query.ColumnType;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.StatementDescription;
import io.hatidata.api.query.TransactionStatus;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbExecuteStageTest {
    @TempDir
    Path dataDir;

    private final Session session = new Session(
            "sess_1", new Identity("org_1", "usr_1", "admin", "owner", "env_dev_1", "development", "key_1"), Map.of());

    private RecordingSink run(DuckDbExecuteStage stage, String sql) throws QueryException {
        RecordingSink sink = new RecordingSink();
        stage.process(QueryContext.of(session, "qry_1", sql, sink), context -> {
            throw new AssertionError("the execute stage must not proceed");
        });
        return sink;
    }

    @Test
    void runsInTheSessionsEnvironmentAndRecordsTheTransactionState() throws Exception {
        DuckDbQueryEngine engine = new DuckDbQueryEngine(DuckDbQueryEngineTest.config(dataDir.toString(), 0));
        try {
            DuckDbExecuteStage stage = new DuckDbExecuteStage(engine);
            run(stage, "CREATE TABLE t (v INTEGER)");
            run(stage, "BEGIN");
            assertEquals(TransactionStatus.IN_TRANSACTION, session.transactionStatus());
            run(stage, "COMMIT");
            assertEquals(TransactionStatus.IDLE, session.transactionStatus());
            assertEquals("SELECT 0", run(stage, "SELECT * FROM t").tag);
        } finally {
            engine.deactivate();
        }
    }

    @Test
    void reopensTheEngineSessionAfterTheEngineRestarted() throws Exception {
        DuckDbQueryEngine first = new DuckDbQueryEngine(DuckDbQueryEngineTest.config(dataDir.toString(), 0));
        run(new DuckDbExecuteStage(first), "CREATE TABLE kept (v INTEGER)");
        first.deactivate();
        EngineSession stale = session.existingResource(DuckDbExecuteStage.ENGINE_SESSION);
        assertEquals(false, stale.isOpen());

        DuckDbQueryEngine second = new DuckDbQueryEngine(DuckDbQueryEngineTest.config(dataDir.toString(), 0));
        try {
            assertEquals("SELECT 0", run(new DuckDbExecuteStage(second), "SELECT * FROM kept").tag);
        } finally {
            second.deactivate();
        }
    }

    @Test
    void passesParametersAndDescribesWithoutRunning() throws Exception {
        DuckDbQueryEngine engine = new DuckDbQueryEngine(DuckDbQueryEngineTest.config(dataDir.toString(), 0));
        try {
            DuckDbExecuteStage stage = new DuckDbExecuteStage(engine);
            run(stage, "CREATE TABLE t (v INTEGER)");
            RecordingSink insert = new RecordingSink();
            QueryContext bound = QueryContext.of(session, "qry_2", "INSERT INTO t VALUES ($1)", insert)
                    .withParameters(java.util.List.of(41));
            stage.process(bound, context -> {});
            assertEquals("INSERT 0 1", insert.tag);

            RecordingSink described = new RecordingSink();
            QueryContext describing = QueryContext.of(session, "qry_3", "SELECT v FROM t WHERE v > $1", described)
                    .describing();
            stage.process(describing, context -> {});
            assertEquals("", described.tag);
            assertEquals(1, described.columns.size());
            assertEquals(0, described.rows.size());
            StatementDescription description =
                    (StatementDescription) describing.attributes().get(StatementDescription.ATTRIBUTE);
            assertEquals(java.util.List.of(ColumnType.INT4), description.parameterTypes());

            RecordingSink noRows = new RecordingSink();
            stage.process(QueryContext.of(session, "qry_4", "DELETE FROM t", noRows).describing(), context -> {});
            assertEquals(0, noRows.columns.size());
            assertEquals("SELECT 1", run(stage, "SELECT * FROM t").tag);
        } finally {
            engine.deactivate();
        }
    }

    @Test
    void theStageNeverProceeds() throws Exception {
        DuckDbQueryEngine engine = new DuckDbQueryEngine(DuckDbQueryEngineTest.config(dataDir.toString(), 0));
        try {
            DuckDbExecuteStage stage = new DuckDbExecuteStage(engine);
            assertThrows(QueryException.class, () -> run(stage, "SELEC 1"));
        } finally {
            engine.deactivate();
        }
    }
}

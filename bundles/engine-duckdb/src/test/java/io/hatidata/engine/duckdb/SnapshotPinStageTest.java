package io.hatidata.engine.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.query.QueryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot-pin stage in front of the real execute stage on DuckDB. */
class SnapshotPinStageTest {
    @TempDir
    Path dataDir;

    private final Session session = new Session(
            "sess_1", new Identity("org_1", "usr_1", "admin", "owner", "env_pin", "development", ""), Map.of());
    private final List<Object> snapshots = new ArrayList<>();

    private void run(SnapshotPinStage pin, DuckDbExecuteStage execute, String sql) throws QueryException {
        QueryContext context = QueryContext.of(session, "qry_1", sql, new RecordingSink());
        pin.process(context, pinned -> execute.process(pinned, rest -> {
            throw new AssertionError("execute is last");
        }));
        snapshots.add(context.attributes().get(SnapshotPinStage.ATTRIBUTE));
    }

    @Test
    void recordsWhetherTheStatementReadsItsOwnSnapshotOrItsTransactions() throws Exception {
        DuckDbQueryEngine engine = new DuckDbQueryEngine(DuckDbQueryEngineTest.config(dataDir.toString(), 0));
        try {
            SnapshotPinStage pin = new SnapshotPinStage();
            DuckDbExecuteStage execute = new DuckDbExecuteStage(engine);
            run(pin, execute, "CREATE TABLE t (v INTEGER)");
            run(pin, execute, "BEGIN");
            run(pin, execute, "SELECT * FROM t");
            run(pin, execute, "COMMIT");
            run(pin, execute, "SELECT * FROM t");
        } finally {
            engine.deactivate();
        }
        assertEquals(List.of("statement", "statement", "transaction", "transaction", "statement"), snapshots);
    }
}

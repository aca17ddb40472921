package io.hatidata.engine.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hatidata.api.engine.EngineSession;
import io.hatidata.api.query.QueryException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL utility statements pgbench, pgjdbc and psql send, run on real DuckDB. */
class PgUtilityRewriterTest {
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

    @Test
    void pgbenchInitialisationRuns() throws Exception {
        run("create table pgbench_tellers(tid int not null,bid int,tbalance int,filler char(84)) with (fillfactor=100)");
        run("create table pgbench_history(tid int,bid int,aid    int,delta int,mtime timestamp,filler char(22))");
        run("insert into pgbench_tellers(tid,bid,tbalance) values (1,1,0)");
        run("truncate table pgbench_tellers, pgbench_history");
        assertEquals(0L, ((Number) run("select count(*) from pgbench_tellers").rows.get(0)[0]).longValue());
        run("alter table pgbench_tellers add primary key (tid)");
        assertEquals("DROP TABLE", run("drop table if exists pgbench_accounts, pgbench_tellers, \"pgbench_history\"").tag);
        assertEquals(List.of(), run("select table_name from information_schema.tables").rows);
    }

    @Test
    void showSearchPathAndBeginWithIsolationLevelWork() throws Exception {
        assertEquals("main", run("SHOW search_path").rows.get(0)[0]);
        assertEquals("BEGIN", run("BEGIN ISOLATION LEVEL SERIALIZABLE, READ WRITE").tag);
        assertEquals("COMMIT", run("COMMIT").tag);
        assertEquals("BEGIN", run("START TRANSACTION ISOLATION LEVEL READ COMMITTED").tag);
        assertEquals("ROLLBACK", run("ROLLBACK").tag);
    }

    @Test
    void leavesOtherStatementsAlone() {
        for (String sql : List.of("DROP TABLE t", "TRUNCATE t", "CREATE TABLE t AS WITH x AS (SELECT 1) SELECT * FROM x",
                "BEGIN", "SHOW TABLES")) {
            assertEquals(sql, PgUtilityRewriter.rewrite(sql));
        }
    }

    private RecordingSink run(String sql) throws QueryException {
        RecordingSink sink = new RecordingSink();
        session.execute(sql, List.of(), sink);
        return sink;
    }
}

package io.hatidata.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.CreatedApiKey;
import io.hatidata.api.controlplane.NewApiKey;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScopeStageTest {
    private static final ResultSink SINK = ResultSink.discarding();

    @TempDir
    Path dir;

    private TestStore store;

    @BeforeEach
    void start() throws Exception {
        store = new TestStore(dir);
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void aQueryReadKeySelectsButDoesNotInsert() throws Exception {
        Caller owner = store.owner();
        CreatedApiKey reader = store.keys.create(owner, owner.identity().environmentId(),
                new NewApiKey("r", List.of("query:read"), List.of(), null, null));
        Identity identity = store.caller(reader.secret()).identity();
        ScopeStage stage = new ScopeStage(store.authenticator);
        AtomicInteger passed = new AtomicInteger();

        stage.process(context(identity, "SELECT 1"), each -> passed.incrementAndGet());
        assertEquals(1, passed.get());
        QueryException ex = assertThrows(QueryException.class,
                () -> stage.process(context(identity, "INSERT INTO t VALUES (1)"), each -> passed.incrementAndGet()));
        assertEquals("42501", ex.sqlState());
        assertTrue(ex.getMessage().contains("query:write"));

        stage.process(context(owner.identity(), "INSERT INTO t VALUES (1)"), each -> passed.incrementAndGet());
        assertEquals(2, passed.get(), "the owner key has every scope");
    }

    @Test
    void onlySchemaRolesChangeTheSchema() throws Exception {
        ScopeStage stage = new ScopeStage(store.authenticator);
        Identity analyst = store.as(io.hatidata.api.controlplane.Role.ANALYST).identity();
        QueryException ex = assertThrows(QueryException.class,
                () -> stage.process(context(analyst, "CREATE TABLE t (i INT)"), each -> {}));
        assertEquals("42501", ex.sqlState());
        stage.process(context(store.as(io.hatidata.api.controlplane.Role.DEVELOPER).identity(), "CREATE TABLE t (i INT)"),
                each -> {});
    }

    @Test
    void auditorsRunNoQueries() throws Exception {
        Identity auditor = store.as(io.hatidata.api.controlplane.Role.AUDITOR).identity();
        QueryException ex = assertThrows(QueryException.class,
                () -> new ScopeStage(store.authenticator).process(context(auditor, "SELECT 1"), each -> {}));
        assertEquals("42501", ex.sqlState());
    }

    private static QueryContext context(Identity identity, String sql) {
        return QueryContext.of(new Session("sess_1", identity, Map.of()), "qry_1", sql, SINK);
    }
}

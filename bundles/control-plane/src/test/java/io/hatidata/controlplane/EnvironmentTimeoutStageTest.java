package io.hatidata.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.EnvironmentChanges;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.query.Cancellable;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentTimeoutStageTest {
    private static final ResultSink SINK = ResultSink.discarding();

    @TempDir
    Path dir;

    private TestStore store;
    private final AtomicLong now = new AtomicLong();
    private EnvironmentTimeoutStage stage;

    @BeforeEach
    void start() throws Exception {
        store = new TestStore(dir);
        stage = new EnvironmentTimeoutStage(new EnvironmentLimits(new Db(store.dataSource), now::get));
    }

    @AfterEach
    void stop() {
        stage.deactivate();
        store.close();
    }

    @Test
    void aStatementPastItsEnvironmentsTimeoutIsCancelledWith57014() throws Exception {
        Caller owner = store.owner();
        store.environments.update(owner, owner.identity().environmentId(), new EnvironmentChanges(null, null, 1_000, null, null));
        Session session = new Session("sess_1", owner.identity(), Map.of());
        CountDownLatch cancelled = new CountDownLatch(1);
        session.resource("engine", () -> new Engine(cancelled));
        QueryException ex = assertThrows(QueryException.class, () -> stage.process(
                QueryContext.of(session, "qry_1", "SELECT slow()", SINK), context -> {
                    try {
                        // the engine: runs until cancelled, then fails as DuckDB does
                        if (cancelled.await(30, TimeUnit.SECONDS)) {
                            throw new QueryException("57014", "INTERRUPT Error: Interrupted!");
                        }
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }));
        assertEquals("57014", ex.sqlState());
        assertTrue(ex.getMessage().contains("query_timeout_ms = 1000"), ex.getMessage());
    }

    private record Engine(CountDownLatch cancelled) implements AutoCloseable, Cancellable {
        @Override
        public void cancel() {
            cancelled.countDown();
        }

        @Override
        public void close() {}
    }
}

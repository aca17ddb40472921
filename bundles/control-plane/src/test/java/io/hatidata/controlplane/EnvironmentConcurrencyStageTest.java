package io.hatidata.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.EnvironmentChanges;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import io.hatidata.api.resultcache.ResultCacheAttributes;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentConcurrencyStageTest {
    @TempDir
    Path dir;

    private TestStore store;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @BeforeEach
    void start() throws Exception {
        store = new TestStore(dir);
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        store.close();
    }

    @Test
    void statementsBeyondTheEnvironmentsLimitAre53300UntilOneEnds() throws Exception {
        Caller owner = store.owner();
        store.environments.update(owner, owner.identity().environmentId(), new EnvironmentChanges(null, null, null, 1, null));
        EnvironmentConcurrencyStage stage = new EnvironmentConcurrencyStage(
                new EnvironmentLimits(new Db(store.dataSource), System::nanoTime));
        Session session = new Session("sess_1", owner.identity(), Map.of());
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Future<?> first = threads.submit(() -> {
            stage.process(context(session), context -> {
                running.countDown();
                try {
                    assertTrue(finish.await(30, TimeUnit.SECONDS));
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            });
            return null;
        });
        assertTrue(running.await(30, TimeUnit.SECONDS));
        QueryException refused = assertThrows(QueryException.class, () -> stage.process(context(session), context -> {}));
        assertEquals("53300", refused.sqlState());
        assertTrue(refused.getMessage().contains("max_concurrent_queries (1)"), refused.getMessage());
        stage.process(QueryContext.of(session, "qry_d", "SELECT 1", ResultSink.discarding()).describing(), context -> {});

        finish.countDown();
        first.get(30, TimeUnit.SECONDS);
        assertEquals(0, stage.running(owner.identity().environmentId()));
        stage.process(context(session), context -> {});
    }

    @Test
    void theEnvironmentsCacheSettingIsLeftForTheResultCache() throws Exception {
        Caller owner = store.owner();
        EnvironmentConcurrencyStage stage = new EnvironmentConcurrencyStage(
                new EnvironmentLimits(new Db(store.dataSource), System::nanoTime));
        Session session = new Session("sess_1", owner.identity(), Map.of());
        QueryContext off = context(session);
        stage.process(off, context -> {});
        assertEquals(Boolean.FALSE, off.attributes().get(ResultCacheAttributes.ENVIRONMENT_CACHE_ENABLED));

        store.environments.update(owner, owner.identity().environmentId(), new EnvironmentChanges(null, null, null, null, true));
        EnvironmentConcurrencyStage fresh = new EnvironmentConcurrencyStage(
                new EnvironmentLimits(new Db(store.dataSource), System::nanoTime));
        QueryContext on = context(session);
        fresh.process(on, context -> {});
        assertEquals(Boolean.TRUE, on.attributes().get(ResultCacheAttributes.ENVIRONMENT_CACHE_ENABLED));
    }

    private static QueryContext context(Session session) {
        return QueryContext.of(session, "qry_1", "SELECT 1", ResultSink.discarding());
    }
}

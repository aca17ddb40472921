package io.hatidata.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.EnvironmentChanges;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentLimitsTest {
    @TempDir
    Path dir;

    private TestStore store;
    private final AtomicLong now = new AtomicLong();

    @BeforeEach
    void start() throws Exception {
        store = new TestStore(dir);
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void limitsAreReadOnceAndRefreshedAfterTheirCacheTime() throws Exception {
        EnvironmentLimits limits = new EnvironmentLimits(new Db(store.dataSource), now::get);
        Caller owner = store.owner();
        String environment = owner.identity().environmentId();
        assertEquals(EnvironmentLimits.DEFAULTS, limits.of(environment), "a new environment has the defaults");
        store.environments.update(owner, environment, new EnvironmentChanges(null, null, 5_000, 3, true));
        assertEquals(EnvironmentLimits.DEFAULTS, limits.of(environment), "still cached");
        now.addAndGet(TimeUnit.SECONDS.toNanos(EnvironmentLimits.CACHE_SECONDS));
        assertEquals(new EnvironmentLimits.Limits(5_000, 3, true), limits.of(environment));
        assertEquals(EnvironmentLimits.DEFAULTS, limits.of("env_unknown"));
    }
}

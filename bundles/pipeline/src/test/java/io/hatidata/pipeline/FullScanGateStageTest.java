package io.hatidata.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class FullScanGateStageTest {
    private final List<String> ran = Collections.synchronizedList(new ArrayList<>());

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aSecondFullScanWaitsWhileOtherStatementsPass() throws Exception {
        FullScanGateStage stage = new FullScanGateStage(TestConfigs.admission(64, 256, 1, 60_000));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread first = new Thread(() -> {
            try {
                stage.process(TestQueries.analysedQuery("SELECT * FROM t"), context -> {
                    inside.countDown();
                    awaitQuietly(release);
                    ran.add("first");
                });
            } catch (Exception ex) {
                failure.set(ex);
            }
        });
        first.start();
        inside.await(20, TimeUnit.SECONDS);

        Thread second = new Thread(() -> {
            try {
                stage.process(TestQueries.analysedQuery("SELECT a FROM t"), context -> ran.add("second"));
            } catch (Exception ex) {
                failure.set(ex);
            }
        });
        second.start();
        while (stage.gate().queued() < 1) {
            Thread.onSpinWait();
        }
        // not a full scan: passes while the only slot is held
        stage.process(TestQueries.analysedQuery("SELECT * FROM t WHERE id = 1"), context -> ran.add("narrow"));
        assertEquals(List.of("narrow"), ran);

        release.countDown();
        first.join();
        second.join();
        assertNull(failure.get());
        assertEquals(List.of("narrow", "first", "second"), ran);
        assertEquals(0, stage.gate().inUse());
    }
}

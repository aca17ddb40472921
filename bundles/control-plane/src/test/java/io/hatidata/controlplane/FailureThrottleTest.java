package io.hatidata.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FailureThrottleTest {
    @Test
    void blocksAfterTheLimitUntilTheWindowPasses() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        FailureThrottle throttle = new FailureThrottle(3, Duration.ofMinutes(15), clock);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, throttle.retryAfterSeconds("a"));
            throttle.fail("a");
        }
        assertEquals(900, throttle.retryAfterSeconds("a"));
        assertEquals(0, throttle.retryAfterSeconds("b"));
        clock.now = clock.now.plusSeconds(600);
        assertEquals(300, throttle.retryAfterSeconds("a"));
        clock.now = clock.now.plusSeconds(300);
        assertEquals(0, throttle.retryAfterSeconds("a"));
    }

    @Test
    void aSuccessClears() {
        FailureThrottle throttle = new FailureThrottle(2, Duration.ofMinutes(1), new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
        throttle.fail("a");
        throttle.fail("a");
        assertTrue(throttle.retryAfterSeconds("a") > 0);
        throttle.clear("a");
        assertEquals(0, throttle.retryAfterSeconds("a"));
    }
}

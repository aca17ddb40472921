package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AuthenticationThrottleTest {
    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MutableClock clock = new MutableClock();
    private final AuthenticationThrottle throttle = new AuthenticationThrottle(clock);

    @Test
    void blocksAnAddressAfterTooManyFailuresUntilTheWindowPasses() {
        for (int i = 0; i < AuthenticationThrottle.MAX_FAILURES; i++) {
            assertFalse(throttle.isBlocked("10.0.0.1"));
            throttle.failed("10.0.0.1");
        }
        assertTrue(throttle.isBlocked("10.0.0.1"));
        assertFalse(throttle.isBlocked("10.0.0.2"), "other addresses are not affected");
        clock.now = clock.now.plus(AuthenticationThrottle.WINDOW);
        assertFalse(throttle.isBlocked("10.0.0.1"));
    }

    @Test
    void aSuccessStartsTheAddressOver() {
        for (int i = 0; i < AuthenticationThrottle.MAX_FAILURES - 1; i++) {
            throttle.failed("10.0.0.1");
        }
        throttle.succeeded("10.0.0.1");
        throttle.failed("10.0.0.1");
        assertFalse(throttle.isBlocked("10.0.0.1"));
    }

    @Test
    void takesTheHostOfNettysAddressForm() {
        assertEquals("127.0.0.1", AuthenticationThrottle.host("/127.0.0.1:53122"));
        assertEquals("0:0:0:0:0:0:0:1", AuthenticationThrottle.host("/0:0:0:0:0:0:0:1:40000"));
    }
}

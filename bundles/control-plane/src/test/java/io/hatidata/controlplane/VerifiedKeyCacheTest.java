package io.hatidata.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.identity.Identity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class VerifiedKeyCacheTest {
    private static final Identity IDENTITY = new Identity("org_1", "usr_1", "admin", "owner", "env_1", "development", "key_1");

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void servesAKeyUntilItExpires() {
        MutableClock clock = new MutableClock();
        VerifiedKeyCache<Identity> cache = new VerifiedKeyCache<Identity>(Duration.ofSeconds(60), 10, clock);
        cache.put("hd_live_a", IDENTITY);
        assertEquals(IDENTITY, cache.get("hd_live_a"));
        assertNull(cache.get("hd_live_b"));
        clock.now = clock.now.plusSeconds(60);
        assertNull(cache.get("hd_live_a"));
    }

    @Test
    void staysWithinItsBound() {
        VerifiedKeyCache<Identity> cache = new VerifiedKeyCache<Identity>(Duration.ofSeconds(60), 3, new MutableClock());
        for (int i = 0; i < 10; i++) {
            cache.put("key" + i, IDENTITY);
            assertTrue(cache.size() <= 3);
        }
    }

    @Test
    void zeroTimeToLiveDisablesCaching() {
        VerifiedKeyCache<Identity> cache = new VerifiedKeyCache<Identity>(Duration.ZERO, 10, new MutableClock());
        cache.put("k", IDENTITY);
        assertNull(cache.get("k"));
    }
}

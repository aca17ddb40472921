package io.hatidata.rest.v1;

import io.hatidata.api.controlplane.Tier;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-identity request limits by tier (SPEC §1.8.5): at most {@link Tier#requestsPerMinute()} requests in
 * a one-minute window and at most {@link Tier#burst()} within one second. Windows are fixed and start with
 * an identity's first request; at most {@value #MAX_IDENTITIES} identities are tracked (expired windows are
 * dropped first).
 */
final class RateLimiter {
    static final int MAX_IDENTITIES = 100_000;

    /** The outcome of one request: whether it may proceed, and what the headers report. */
    record Decision(boolean allowed, int limit, int remaining, long resetEpochSeconds, long retryAfterSeconds) {}

    private static final class Counter {
        long minuteStart;
        int minuteCount;
        long secondStart;
        int secondCount;
    }

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Clock clock;
    private final boolean enabled;

    RateLimiter(Clock clock, boolean enabled) {
        this.clock = clock;
        this.enabled = enabled;
    }

    /**
     * Whether {@code identity} is still under {@code limit} events in its current minute, without counting
     * (for limits on failures, counted with {@link #count}); always enforced.
     */
    Decision peek(String identity, int limit) {
        long now = clock.millis();
        Counter counter = counters.get(identity);
        if (counter == null) {
            return new Decision(true, limit, limit, (now + 60_000) / 1_000, 0);
        }
        synchronized (counter) {
            long reset = (counter.minuteStart + 60_000 + 999) / 1_000;
            if (now - counter.minuteStart >= 60_000 || counter.minuteCount < limit) {
                return new Decision(true, limit, Math.max(0, limit - counter.minuteCount), reset, 0);
            }
            return new Decision(false, limit, 0, reset, Math.max(1, reset - now / 1_000));
        }
    }

    /** Counts one event against {@code identity}'s current minute. */
    void count(String identity) {
        long now = clock.millis();
        bound(now);
        Counter counter = counters.computeIfAbsent(identity, ignored -> new Counter());
        synchronized (counter) {
            if (now - counter.minuteStart >= 60_000) {
                counter.minuteStart = now;
                counter.minuteCount = 0;
            }
            counter.minuteCount++;
        }
    }

    Decision acquire(String identity, Tier tier) {
        long now = clock.millis();
        bound(now);
        Counter counter = counters.computeIfAbsent(identity, ignored -> new Counter());
        synchronized (counter) {
            if (now - counter.minuteStart >= 60_000) {
                counter.minuteStart = now;
                counter.minuteCount = 0;
            }
            if (now - counter.secondStart >= 1_000) {
                counter.secondStart = now;
                counter.secondCount = 0;
            }
            int limit = tier.requestsPerMinute();
            long reset = (counter.minuteStart + 60_000 + 999) / 1_000;
            if (enabled && counter.minuteCount >= limit) {
                return new Decision(false, limit, 0, reset, Math.max(1, reset - now / 1_000));
            }
            if (enabled && counter.secondCount >= tier.burst()) {
                return new Decision(false, limit, limit - counter.minuteCount, reset, 1);
            }
            counter.minuteCount++;
            counter.secondCount++;
            return new Decision(true, limit, Math.max(0, limit - counter.minuteCount), reset, 0);
        }
    }

    private void bound(long now) {
        if (counters.size() >= MAX_IDENTITIES) {
            counters.values().removeIf(each -> now - each.minuteStart >= 60_000);
            if (counters.size() >= MAX_IDENTITIES) {
                counters.clear();
            }
        }
    }
}

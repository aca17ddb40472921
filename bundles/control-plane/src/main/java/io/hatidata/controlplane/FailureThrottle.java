package io.hatidata.controlplane;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed attempts per key (an e-mail address, a client address) in a fixed window; after
 * {@code maxFailures} further attempts are refused until the window that started with the first failure
 * has passed. A success clears the key. At most {@value #MAX_KEYS} keys are tracked (then the oldest
 * windows are dropped).
 */
final class FailureThrottle {
    static final int MAX_KEYS = 10_000;

    private record Window(Instant start, int failures) {}

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;

    FailureThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** Seconds until the key may try again, or 0 when it may try now. */
    long retryAfterSeconds(String key) {
        Window current = windows.get(key);
        if (current == null) {
            return 0;
        }
        Instant end = current.start().plus(window);
        Instant now = clock.instant();
        if (!now.isBefore(end)) {
            windows.remove(key, current);
            return 0;
        }
        return current.failures() >= maxFailures ? Math.max(1, Duration.between(now, end).toSeconds()) : 0;
    }

    void fail(String key) {
        Instant now = clock.instant();
        if (windows.size() >= MAX_KEYS) {
            windows.values().removeIf(each -> !now.isBefore(each.start().plus(window)));
            if (windows.size() >= MAX_KEYS) {
                windows.clear();
            }
        }
        windows.compute(key, (ignored, current) -> current == null || !now.isBefore(current.start().plus(window))
                ? new Window(now, 1)
                : new Window(current.start(), current.failures() + 1));
    }

    void clear(String key) {
        windows.remove(key);
    }
}

package io.hatidata.wire.pg;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Throttles password guessing per source address: after {@value #MAX_FAILURES} failed authentications from
 * one address within {@link #WINDOW}, further attempts from it are refused before any Argon2id work until
 * the window has passed. A success clears the address. Thread-safe and bounded: at most
 * {@value #MAX_ADDRESSES} addresses are tracked; when full, expired entries go first, then all.
 */
final class AuthenticationThrottle {
    static final int MAX_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_ADDRESSES = 10_000;

    private record Failures(int count, Instant windowStart) {}

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    AuthenticationThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Whether attempts from this address are refused now. */
    boolean isBlocked(String address) {
        Failures current = failures.get(address);
        if (current == null) {
            return false;
        }
        if (expired(current, clock.instant())) {
            failures.remove(address, current);
            return false;
        }
        return current.count() >= MAX_FAILURES;
    }

    /** Records a failed attempt. */
    void failed(String address) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_ADDRESSES && !failures.containsKey(address)) {
            failures.values().removeIf(each -> expired(each, now));
            if (failures.size() >= MAX_ADDRESSES) {
                failures.clear();
            }
        }
        failures.compute(address, (key, current) -> current == null || expired(current, now)
                ? new Failures(1, now)
                : new Failures(current.count() + 1, current.windowStart()));
    }

    /** Records a success: the address starts over. */
    void succeeded(String address) {
        failures.remove(address);
    }

    private static boolean expired(Failures entry, Instant now) {
        return !now.isBefore(entry.windowStart().plus(WINDOW));
    }

    /** The host part of a socket address as Netty prints it ({@code /10.0.0.1:5123} → {@code 10.0.0.1}). */
    static String host(String remoteAddress) {
        String text = remoteAddress.startsWith("/") ? remoteAddress.substring(1) : remoteAddress;
        int colon = text.lastIndexOf(':');
        return colon > 0 ? text.substring(0, colon) : text;
    }
}

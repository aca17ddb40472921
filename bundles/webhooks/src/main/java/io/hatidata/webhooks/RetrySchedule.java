package io.hatidata.webhooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a failed delivery is tried again: the n-th retry waits the n-th delay of the schedule (default 1
 * min, 5 min, 30 min, 2 h, 6 h: six attempts over about 8.6 hours); after the last the delivery fails.
 */
final class RetrySchedule {
    private final List<Duration> delays;

    private RetrySchedule(List<Duration> delays) {
        this.delays = List.copyOf(delays);
    }

    /** Parses comma-separated seconds ({@code "60,300,1800"}); blank means no retries. */
    static RetrySchedule parse(String seconds) {
        List<Duration> delays = new ArrayList<>();
        if (seconds != null && !seconds.isBlank()) {
            for (String each : seconds.split(",")) {
                long value;
                try {
                    value = Long.parseLong(each.trim());
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException("retryScheduleSeconds: not a number of seconds: " + each.trim());
                }
                if (value < 1 || value > 86_400) {
                    throw new IllegalArgumentException("retryScheduleSeconds: each delay is 1 to 86400 seconds: " + value);
                }
                delays.add(Duration.ofSeconds(value));
            }
        }
        if (delays.size() > 20) {
            throw new IllegalArgumentException("retryScheduleSeconds: at most 20 retries");
        }
        return new RetrySchedule(delays);
    }

    /** The wait after failed attempt number {@code attempt} (from 1), or empty when no retry is left. */
    Optional<Duration> delayAfter(int attempt) {
        return attempt >= 1 && attempt <= delays.size() ? Optional.of(delays.get(attempt - 1)) : Optional.empty();
    }

    /** Attempts in all: the first and one per retry. */
    int maxAttempts() {
        return delays.size() + 1;
    }
}

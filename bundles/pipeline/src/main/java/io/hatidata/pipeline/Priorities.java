package io.hatidata.pipeline;

import io.hatidata.api.pipeline.Session;
import java.util.Locale;
import java.util.Map;

/**
 * The queue rank of a session's statements: its {@code priority} setting first ({@code low},
 * {@code normal}, {@code high}, {@code critical}, or {@code 0}…{@code 3}), then its role (owner, admin
 * and analyst ahead of the others within one priority, as the specification asks). A missing or unknown
 * priority counts as {@code normal}: a scheduling hint never fails a statement.
 */
final class Priorities {
    static final int LOW = 0;
    static final int NORMAL = 1;
    static final int HIGH = 2;
    static final int CRITICAL = 3;

    private Priorities() {}

    /** The rank at the gate: higher leaves the queue first. */
    static int rank(Session session) {
        int roleClass = switch (session.identity().role()) {
            case "owner", "admin", "analyst" -> 1;
            default -> 0;
        };
        return priority(session.settings()) * 2 + roleClass;
    }

    /** The priority level from {@code hatidata_priority}, else {@code priority}; {@link #NORMAL} by default. */
    static int priority(Map<String, String> settings) {
        String value = settings.get("hatidata_priority");
        if (value == null) {
            value = settings.get("priority");
        }
        return value == null ? NORMAL : parse(value);
    }

    static int parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "low", "0" -> LOW;
            case "high", "2" -> HIGH;
            case "critical", "3" -> CRITICAL;
            default -> NORMAL;
        };
    }
}

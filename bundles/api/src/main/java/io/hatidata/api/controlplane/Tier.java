package io.hatidata.api.controlplane;

import java.util.Optional;

/** Billing tiers and their request-rate limits per authenticated identity (SPEC §1.8.5). */
public enum Tier {
    FREE("free", 60, 10),
    CLOUD("cloud", 300, 50),
    GROWTH("growth", 1_000, 100),
    ENTERPRISE("enterprise", 10_000, 500);

    private final String json;
    private final int requestsPerMinute;
    private final int burst;

    Tier(String json, int requestsPerMinute, int burst) {
        this.json = json;
        this.requestsPerMinute = requestsPerMinute;
        this.burst = burst;
    }

    public String json() {
        return json;
    }

    public int requestsPerMinute() {
        return requestsPerMinute;
    }

    /** Requests allowed within one second. */
    public int burst() {
        return burst;
    }

    /** The tier of a JSON value, or empty. */
    public static Optional<Tier> fromJson(String value) {
        for (Tier each : values()) {
            if (each.json.equals(value)) {
                return Optional.of(each);
            }
        }
        return Optional.empty();
    }
}

package io.hatidata.api.billing;

import java.util.Locale;
import java.util.Optional;

/** The bucket size of a usage report's time breakdown ({@code group_by}). */
public enum Granularity {
    HOUR,
    DAY,
    WEEK;

    /** The JSON value. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The granularity of a JSON value, or empty. */
    public static Optional<Granularity> fromJson(String value) {
        for (Granularity each : values()) {
            if (each.json().equals(value)) {
                return Optional.of(each);
            }
        }
        return Optional.empty();
    }
}

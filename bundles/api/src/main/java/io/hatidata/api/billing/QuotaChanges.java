package io.hatidata.api.billing;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What an owner changes in the quotas. Quotas absent from {@code limits} keep their value; a quota mapped
 * to {@code null} goes back to its tier default; a quota mapped to {@link Quotas#UNLIMITED} has no limit.
 *
 * @param limits the quotas to change (may contain {@code null} values)
 * @param alertThresholds new alert thresholds (percentages 1–1000), or {@code null} to keep them
 */
public record QuotaChanges(Map<Quota, Long> limits, List<Integer> alertThresholds) {
    public QuotaChanges {
        EnumMap<Quota, Long> copy = new EnumMap<>(Quota.class);
        copy.putAll(limits);
        limits = Collections.unmodifiableMap(copy);
        alertThresholds = alertThresholds == null ? null : List.copyOf(alertThresholds);
    }
}

package io.hatidata.api.billing;

import io.hatidata.api.controlplane.Tier;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An organization's effective quotas: the tier defaults with the owner's overrides applied.
 *
 * @param organizationId the organization ({@code org_…})
 * @param tier its tier
 * @param limits every {@link Quota} with its limit, {@link #UNLIMITED} for none
 * @param overridden the quotas the owner set (the others are the tier's defaults)
 * @param alertThresholds the percentages of {@link Quota#MONTHLY_CREDIT_LIMIT} at which a
 *     {@code billing.warning} event is published, once per billing period each, ascending
 */
public record Quotas(String organizationId, Tier tier, Map<Quota, Long> limits, Set<Quota> overridden,
        List<Integer> alertThresholds) {
    /** A limit value meaning "no limit". */
    public static final long UNLIMITED = -1;

    /** The alert thresholds when the owner set none: 80 % and 100 % (SPEC §2.11, issue 8). */
    public static final List<Integer> DEFAULT_ALERT_THRESHOLDS = List.of(80, 100);

    public Quotas {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(tier, "tier");
        EnumMap<Quota, Long> copy = new EnumMap<>(Quota.class);
        for (Quota each : Quota.values()) {
            copy.put(each, Objects.requireNonNull(limits.get(each), each.json()));
        }
        limits = Map.copyOf(copy);
        overridden = Set.copyOf(overridden);
        alertThresholds = List.copyOf(alertThresholds);
    }

    /** The tier's defaults, nothing overridden. */
    public static Quotas defaults(String organizationId, Tier tier) {
        EnumMap<Quota, Long> limits = new EnumMap<>(Quota.class);
        for (Quota each : Quota.values()) {
            limits.put(each, each.defaultFor(tier));
        }
        return new Quotas(organizationId, tier, limits, Set.of(), DEFAULT_ALERT_THRESHOLDS);
    }

    /** The limit of one quota, {@link #UNLIMITED} for none. */
    public long limit(Quota quota) {
        return limits.get(quota);
    }

    /** Whether {@code amount} is over the quota's limit. */
    public boolean exceeds(Quota quota, double amount) {
        long limit = limit(quota);
        return limit != UNLIMITED && amount > limit;
    }
}

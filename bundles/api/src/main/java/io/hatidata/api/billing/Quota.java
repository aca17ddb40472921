package io.hatidata.api.billing;

import io.hatidata.api.controlplane.Tier;
import java.util.Optional;

/**
 * The quotas of an organization (SPEC §2.11.1) with their defaults per tier. SPEC publishes only the
 * Cloud tier's numbers; the other tiers scale them (Free a tenth, Growth ten times, Enterprise
 * unlimited), see {@code docs/billing.md}. {@link Quotas#UNLIMITED} means no limit.
 */
public enum Quota {
    MONTHLY_CREDIT_LIMIT("monthly_credit_limit", 1_000, 10_000, 100_000, Quotas.UNLIMITED),
    MAX_CONCURRENT_QUERIES("max_concurrent_queries", 10, 100, 1_000, Quotas.UNLIMITED),
    MAX_ROWS_PER_QUERY("max_rows_per_query", 100_000, 1_000_000, 10_000_000, Quotas.UNLIMITED),
    STORAGE_LIMIT_GB("storage_limit_gb", 50, 500, 5_000, Quotas.UNLIMITED),
    MAX_ENVIRONMENTS("max_environments", 2, 5, 50, Quotas.UNLIMITED),
    MAX_USERS("max_users", 5, 25, 250, Quotas.UNLIMITED),
    MAX_API_KEYS_PER_ENVIRONMENT("max_api_keys_per_environment", 10, 50, 500, Quotas.UNLIMITED);

    private final String json;
    private final long free;
    private final long cloud;
    private final long growth;
    private final long enterprise;

    Quota(String json, long free, long cloud, long growth, long enterprise) {
        this.json = json;
        this.free = free;
        this.cloud = cloud;
        this.growth = growth;
        this.enterprise = enterprise;
    }

    /** The quota's name in JSON and in messages, such as {@code monthly_credit_limit}. */
    public String json() {
        return json;
    }

    /** The limit an organization of this tier has unless its owner set another. */
    public long defaultFor(Tier tier) {
        return switch (tier) {
            case FREE -> free;
            case CLOUD -> cloud;
            case GROWTH -> growth;
            case ENTERPRISE -> enterprise;
        };
    }

    /** The quota of a JSON name, or empty. */
    public static Optional<Quota> fromJson(String value) {
        for (Quota each : values()) {
            if (each.json.equals(value)) {
                return Optional.of(each);
            }
        }
        return Optional.empty();
    }
}

package io.hatidata.billing;

/**
 * One roll-up row of {@code billing_usage_hourly}: whose usage, in which hour.
 *
 * @param hourStart the hour's first second (epoch seconds, UTC)
 * @param billable false for {@code hd_test_} keys
 */
record UsageKey(String organizationId, long hourStart, String environmentId, String keyId, String agentId,
        String kind, boolean billable) {}

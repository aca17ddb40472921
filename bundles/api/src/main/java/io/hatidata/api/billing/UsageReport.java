package io.hatidata.api.billing;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * An organization's usage (SPEC §2.11.1). {@code periodUsed} is the billable use of the current billing
 * period (the calendar month, UTC), which the monthly credit limit is checked against; the breakdowns
 * cover {@code start}…{@code end} (inclusive days, UTC) and count billable use only. Use by
 * {@code hd_test_} keys is never billed nor counted against quotas and is reported apart in
 * {@code testKeys}.
 */
public record UsageReport(
        String organizationId,
        Quotas quotas,
        LocalDate periodStart,
        LocalDate periodEnd,
        double periodUsed,
        LocalDate start,
        LocalDate end,
        Granularity groupBy,
        UsageTotals total,
        QueryCounts queries,
        List<EnvironmentUsage> byEnvironment,
        List<UsageBucket> buckets,
        UsageTotals testKeys,
        double storageGb) {
    public UsageReport {
        Objects.requireNonNull(organizationId, "organizationId");
        byEnvironment = List.copyOf(byEnvironment);
        buckets = List.copyOf(buckets);
    }
}

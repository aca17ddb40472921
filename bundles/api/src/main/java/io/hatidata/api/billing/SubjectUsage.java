package io.hatidata.api.billing;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The usage of one API key or one agent over {@code start}…{@code end} (inclusive days, UTC).
 *
 * @param subject {@code key} or {@code agent}
 * @param id the key id ({@code key_…}) or the agent id
 * @param billable for a key: whether its use counts (false for {@code hd_test_} keys); for an agent: true
 * @param total everything the subject ran, billable or not
 * @param buckets per day
 */
public record SubjectUsage(String organizationId, String subject, String id, boolean billable, LocalDate start,
        LocalDate end, UsageTotals total, QueryCounts queries, List<UsageBucket> buckets) {
    public SubjectUsage {
        Objects.requireNonNull(id, "id");
        buckets = List.copyOf(buckets);
    }
}

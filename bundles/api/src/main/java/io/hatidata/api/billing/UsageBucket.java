package io.hatidata.api.billing;

import java.time.Instant;

/**
 * The usage of one time bucket ({@code breakdown.by_day[]}): an hour, a day or an ISO week (from Monday)
 * in UTC, as the request's {@code group_by} asked.
 *
 * @param start the bucket's first instant
 */
public record UsageBucket(Instant start, UsageTotals usage) {}

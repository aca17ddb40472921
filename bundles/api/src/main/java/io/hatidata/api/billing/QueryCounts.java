package io.hatidata.api.billing;

/**
 * Metered statements by kind ({@code breakdown.queries} of SPEC §2.11.1); {@code other} counts
 * {@code MERGE}, DDL and the rest.
 */
public record QueryCounts(long total, long select, long insert, long update, long delete, long other) {}

package io.hatidata.api.billing;

/** One environment's share of the usage ({@code breakdown.by_environment[]}). */
public record EnvironmentUsage(String environmentId, String name, UsageTotals usage) {}

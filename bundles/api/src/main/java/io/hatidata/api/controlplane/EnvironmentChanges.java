package io.hatidata.api.controlplane;

/** The fields of an environment to create or change; {@code null} means "not given". */
public record EnvironmentChanges(
        String name,
        String slug,
        Integer queryTimeoutMs,
        Integer maxConcurrentQueries,
        Boolean cacheEnabled) {}

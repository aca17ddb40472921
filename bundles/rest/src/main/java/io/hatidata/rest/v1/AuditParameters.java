package io.hatidata.rest.v1;

import io.hatidata.api.audit.ExportFormat;
import io.hatidata.api.audit.IamAuditFilter;
import io.hatidata.api.audit.QueryAuditFilter;
import io.hatidata.api.controlplane.ControlPlaneException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Reads the query parameters of the audit endpoints: dates as ISO-8601 instants
 * ({@code 2026-01-31T12:00:00Z}, with an offset) or days ({@code 2026-01-31}, midnight UTC), booleans as
 * {@code true}/{@code false}, durations as non-negative integers; anything else is 400 naming the field.
 */
final class AuditParameters {
    static final Duration DEFAULT_WINDOW = Duration.ofHours(24);

    private final Clock clock;

    AuditParameters(Clock clock) {
        this.clock = clock;
    }

    QueryAuditFilter queries(String start, String end, String userId, String agentId, String table, String cacheHit,
            String minDurationMs, boolean wholeChain) {
        Instant to = instant(end, "end_date", clock.instant());
        Instant from = instant(start, "start_date", wholeChain ? Instant.EPOCH : to.minus(DEFAULT_WINDOW));
        return new QueryAuditFilter(from, to, blank(userId), blank(agentId), blank(table), bool(cacheHit, "cache_hit"),
                nonNegative(minDurationMs, "min_duration_ms"));
    }

    IamAuditFilter iam(String start, String end, String actorId, String action, String resourceType,
            boolean wholeChain) {
        Instant to = instant(end, "end_date", clock.instant());
        Instant from = instant(start, "start_date", wholeChain ? Instant.EPOCH : to.minus(DEFAULT_WINDOW));
        return new IamAuditFilter(from, to, blank(actorId), blank(action), blank(resourceType));
    }

    static ExportFormat format(String value) {
        if (value == null || value.isBlank()) {
            return ExportFormat.JSONL;
        }
        return ExportFormat.of(value).orElseThrow(
                () -> ControlPlaneException.invalid("format", "enum", "format must be jsonl or csv"));
    }

    private static Instant instant(String value, String field, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String text = value.trim();
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException ex) {
            throw ControlPlaneException.invalid(field, "format", field + " must be an ISO-8601 date or date-time");
        }
    }

    private static Boolean bool(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ControlPlaneException.invalid(field, "type", field + " must be true or false");
        };
    }

    private static Long nonNegative(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long result = Long.parseLong(value.trim());
            if (result >= 0) {
                return result;
            }
        } catch (NumberFormatException ex) {
            // reported below
        }
        throw ControlPlaneException.invalid(field, "type", field + " must be a non-negative integer");
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

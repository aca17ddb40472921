package io.hatidata.rest.v1;

import io.hatidata.api.controlplane.ApiKey;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.Environment;
import io.hatidata.api.controlplane.Organization;
import io.hatidata.api.controlplane.Page;
import io.hatidata.api.controlplane.PageRequest;
import io.hatidata.api.controlplane.User;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The JSON shapes of SPEC §2.2–§2.5 (snake_case, ISO-8601 UTC timestamps, ids with type prefixes). */
final class Views {
    private Views() {}

    static Map<String, Object> organization(Organization org) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("org_id", org.id());
        result.put("name", org.name());
        result.put("slug", org.slug());
        result.put("billing_email", org.billingEmail());
        result.put("cloud_region", org.cloudRegion());
        result.put("tier", org.tier().json());
        result.put("status", org.status());
        result.put("settings", Map.of("mfa_required", org.mfaRequired(), "enforce_sso", org.enforceSso()));
        result.put("created_at", time(org.createdAt()));
        result.put("updated_at", time(org.updatedAt()));
        return result;
    }

    static Map<String, Object> environment(Environment env, String host, int port) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("env_id", env.id());
        result.put("org_id", env.organizationId());
        result.put("name", env.name());
        result.put("slug", env.slug());
        result.put("status", env.status());
        result.put("connection", Map.of("host", host, "port", port, "database", "hatidata"));
        result.put("settings", Map.of("query_timeout_ms", env.queryTimeoutMs(),
                "max_concurrent_queries", env.maxConcurrentQueries(), "cache_enabled", env.cacheEnabled()));
        result.put("created_at", time(env.createdAt()));
        result.put("updated_at", time(env.updatedAt()));
        return result;
    }

    static Map<String, Object> apiKey(ApiKey key) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("key_id", key.id());
        result.put("env_id", key.environmentId());
        result.put("name", key.name());
        result.put("prefix", key.prefix());
        result.put("scopes", key.scopes());
        result.put("ip_allowlist", key.ipAllowlist());
        result.put("role", key.role().json());
        result.put("status", key.status());
        result.put("last_used_at", time(key.lastUsedAt()));
        result.put("expires_at", time(key.expiresAt()));
        result.put("created_at", time(key.createdAt()));
        result.put("created_by", key.createdBy());
        return result;
    }

    static Map<String, Object> user(User user) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("user_id", user.id());
        result.put("email", user.email());
        result.put("name", user.name());
        result.put("role", user.role().json());
        result.put("status", user.status());
        result.put("mfa_enabled", user.mfaEnabled());
        result.put("last_login", time(user.lastLogin()));
        result.put("created_at", time(user.createdAt()));
        if (user.invitationExpiresAt() != null && "invited".equals(user.status())) {
            result.put("invitation_expires_at", time(user.invitationExpiresAt()));
        }
        return result;
    }

    /** {@code {"data": [...], "pagination": {"cursor", "has_more", "total"}}}. */
    static <T> Map<String, Object> page(Page<T> page, Function<T, Map<String, Object>> view) {
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("cursor", page.nextCursor());
        pagination.put("has_more", page.hasMore());
        pagination.put("total", page.total());
        Map<String, Object> result = new LinkedHashMap<>();
        List<Map<String, Object>> data = page.items().stream().map(view).toList();
        result.put("data", data);
        result.put("pagination", pagination);
        return result;
    }

    /** Reads {@code limit} (default 50, 1–200) and {@code cursor} query parameters. */
    static PageRequest pageRequest(String limit, String cursor) {
        int value = PageRequest.DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                value = Integer.parseInt(limit.trim());
            } catch (NumberFormatException ex) {
                throw ControlPlaneException.invalid("limit", "type", "limit must be an integer");
            }
        }
        return new PageRequest(value, cursor);
    }

    static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}

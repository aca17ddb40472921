package io.hatidata.controlplane;

import io.hatidata.api.controlplane.AgentKey;
import io.hatidata.api.controlplane.ApiKey;
import io.hatidata.api.controlplane.Environment;
import io.hatidata.api.controlplane.Organization;
import io.hatidata.api.controlplane.Role;
import io.hatidata.api.controlplane.Tier;
import io.hatidata.api.controlplane.User;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The columns each domain record is read from, and the mappers that read them. */
final class Rows {
    static final String ORGANIZATION = "id, name, slug, billing_email, cloud_region, tier, status, mfa_required,"
            + " enforce_sso, created_at, updated_at";
    static final String ENVIRONMENT = "id, org_id, name, slug, status, query_timeout_ms, max_concurrent_queries,"
            + " cache_enabled, created_at, updated_at";
    static final String API_KEY = "id, org_id, environment_id, name, key_prefix, scopes, ip_allowlist, role,"
            + " revoked_at, replaced_by, last_used_at, expires_at, created_at, created_by";
    static final String AGENT_KEY = API_KEY + ", agent_name, framework, description, allowed_schemas, allowed_tables";
    static final String USER = "id, org_id, email, name, role, status, mfa_enabled, last_login, created_at,"
            + " invitation_expires_at, user_name";

    private Rows() {}

    static Organization organization(ResultSet row) throws SQLException {
        return new Organization(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), Tier.fromJson(row.getString(6)).orElse(Tier.FREE), row.getString(7),
                row.getBoolean(8), row.getBoolean(9), Db.instant(row.getTimestamp(10)), Db.instant(row.getTimestamp(11)));
    }

    static Environment environment(ResultSet row) throws SQLException {
        return new Environment(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getInt(6), row.getInt(7), row.getBoolean(8), Db.instant(row.getTimestamp(9)),
                Db.instant(row.getTimestamp(10)));
    }

    static ApiKey apiKey(ResultSet row) throws SQLException {
        Instant revokedAt = Db.instant(row.getTimestamp(9));
        Instant expiresAt = Db.instant(row.getTimestamp(12));
        String status;
        if (revokedAt != null) {
            status = "revoked";
        } else if (expiresAt != null && !Instant.now().isBefore(expiresAt)) {
            status = "expired";
        } else if (row.getString(10) != null) {
            status = "rotating";
        } else {
            status = "active";
        }
        return new ApiKey(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                List.copyOf(ApiKeyAuthenticator.words(row.getString(6))),
                List.copyOf(ApiKeyAuthenticator.words(row.getString(7))),
                Role.fromJson(row.getString(8)).orElse(Role.AUDITOR), status, Db.instant(row.getTimestamp(11)), expiresAt,
                Db.instant(row.getTimestamp(13)), row.getString(14));
    }

    static AgentKey agentKey(ResultSet row) throws SQLException {
        return new AgentKey(apiKey(row), row.getString(15), row.getString(16), row.getString(17),
                List.copyOf(ApiKeyAuthenticator.words(row.getString(18))),
                List.copyOf(ApiKeyAuthenticator.words(row.getString(19))));
    }

    static User user(ResultSet row) throws SQLException {
        String name = row.getString(4);
        return new User(row.getString(1), row.getString(2), row.getString(3), name == null ? row.getString(11) : name,
                Role.fromJson(row.getString(5)).orElse(Role.AUDITOR), row.getString(6), row.getBoolean(7),
                Db.instant(row.getTimestamp(8)), Db.instant(row.getTimestamp(9)), Db.instant(row.getTimestamp(10)));
    }
}

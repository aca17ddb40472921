package io.hatidata.api.controlplane;

import java.time.Instant;
import java.util.List;

/**
 * An API key's metadata (SPEC §2.5), never the key itself. {@code status} is {@code active},
 * {@code rotating} (replaced, valid until {@code expiresAt}), {@code revoked} or {@code expired}.
 * {@code lastUsedAt} and {@code expiresAt} may be {@code null}; an empty allowlist allows every address.
 */
public record ApiKey(
        String id,
        String organizationId,
        String environmentId,
        String name,
        String prefix,
        List<String> scopes,
        List<String> ipAllowlist,
        Role role,
        String status,
        Instant lastUsedAt,
        Instant expiresAt,
        Instant createdAt,
        String createdBy) {
    public ApiKey {
        scopes = List.copyOf(scopes);
        ipAllowlist = List.copyOf(ipAllowlist);
    }
}

package io.hatidata.api.controlplane;

import io.hatidata.api.identity.Identity;
import java.util.Objects;
import java.util.Set;

/**
 * An authenticated REST caller: the {@link Identity} a credential proved, plus what the control plane
 * knows about it that the identity record does not carry.
 *
 * @param identity organization, user, role, environment and key
 * @param method how the caller authenticated
 * @param scopes the key's canonical scopes ({@link Scopes}); for an access token, every scope of its role
 * @param tier the organization's tier, which sets the rate limit
 * @param email the user's e-mail address
 */
public record Caller(Identity identity, Method method, Set<String> scopes, Tier tier, String email) {
    /** How a caller authenticated. */
    public enum Method {
        API_KEY,
        ACCESS_TOKEN
    }

    public Caller {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(method, "method");
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(tier, "tier");
        email = email == null ? "" : email;
    }

    /** The caller's role; an unknown stored role counts as the weakest one. */
    public Role role() {
        return Role.fromJson(identity.role()).orElse(Role.AUDITOR);
    }

    /** What rate limits are counted against: the key, else the user. */
    public String rateLimitKey() {
        return identity.keyId().isEmpty() ? identity.userId() : identity.keyId();
    }
}

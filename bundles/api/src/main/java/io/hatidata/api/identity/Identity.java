package io.hatidata.api.identity;

import java.util.Objects;

/**
 * A proven identity: the principal a statement runs as, the organization and environment it is bound
 * to, and its role. Immutable, safe to share between threads and to log.
 *
 * @param organizationId the organization ({@code org_…})
 * @param userId the user the credential belongs to ({@code usr_…})
 * @param userName the user's name as the client sent it
 * @param role the role name ({@code owner}, {@code admin}, {@code developer}, {@code analyst},
 *     {@code auditor}, …)
 * @param environmentId the environment the credential is scoped to ({@code env_…}); its data is the
 *     only data the statements of this identity reach
 * @param environmentName the environment's name, such as {@code development}
 * @param keyId the API key used ({@code key_…}), or empty when authenticated otherwise
 */
public record Identity(
        String organizationId,
        String userId,
        String userName,
        String role,
        String environmentId,
        String environmentName,
        String keyId) {
    public Identity {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(environmentId, "environmentId");
        Objects.requireNonNull(environmentName, "environmentName");
        keyId = keyId == null ? "" : keyId;
    }
}

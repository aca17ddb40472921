package io.hatidata.api.controlplane;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Login with e-mail and password, token refresh, and the public keys that verify access tokens. Failures
 * are {@link ControlPlaneException} ({@code UNAUTHORIZED}, or {@code RATE_LIMITED} after repeated failures).
 */
@ProviderType
public interface TokenService {

    /**
     * Verifies the password and issues tokens. {@code organizationId} chooses among the organizations of a
     * user with memberships in several ({@code null}: the oldest); {@code environment} (id or name,
     * {@code null}: the organization's first) is the environment the access token is bound to.
     */
    LoginResult login(String email, String password, String organizationId, String environment, String remoteAddress);

    /**
     * Accepts an invitation: sets the invited user's password (12 to 128 characters) and, when given, name,
     * makes the user {@code active}, uses the token up and logs the user in to their organization's first
     * environment. An unknown, expired, used or withdrawn token, or one of a user who is no longer invited,
     * is {@code UNAUTHORIZED} (throttled like failed logins); a password outside the policy is
     * {@code VALIDATION}.
     */
    LoginResult acceptInvitation(String invitationToken, String password, String name, String remoteAddress);

    /** Exchanges a refresh token for new tokens; the presented refresh token stops working. */
    Tokens refresh(String refreshToken, String remoteAddress);

    /** The JSON Web Key Set ({@code {"keys":[…]}}) with the public keys of access tokens. */
    String jsonWebKeySet();
}

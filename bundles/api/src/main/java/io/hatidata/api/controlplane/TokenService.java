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

    /** Exchanges a refresh token for new tokens; the presented refresh token stops working. */
    Tokens refresh(String refreshToken, String remoteAddress);

    /** The JSON Web Key Set ({@code {"keys":[…]}}) with the public keys of access tokens. */
    String jsonWebKeySet();
}

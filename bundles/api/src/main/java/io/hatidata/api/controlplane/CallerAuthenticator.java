package io.hatidata.api.controlplane;

import io.hatidata.api.identity.AuthenticationException;
import io.hatidata.api.identity.Credentials;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Authenticates a REST caller from an API key or an access token (JWT) in {@link Credentials#secret()};
 * the same checks as {@link io.hatidata.api.identity.Authenticator} (revocation, expiry, organization
 * status, IP allowlist against {@link Credentials#remoteAddress()}).
 */
@ProviderType
public interface CallerAuthenticator {
    Caller authenticateCaller(Credentials credentials) throws AuthenticationException;
}

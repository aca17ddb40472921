package io.hatidata.api.identity;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Checks credentials. Implementations compare secrets in constant time, store them only as Argon2id
 * hashes, and may block for tens of milliseconds: callers must not call this on an I/O thread.
 */
@ProviderType
public interface Authenticator {

    /**
     * Proves an identity.
     *
     * @throws AuthenticationException when the credential is unknown, wrong, revoked or expired
     */
    Identity authenticate(Credentials credentials) throws AuthenticationException;
}

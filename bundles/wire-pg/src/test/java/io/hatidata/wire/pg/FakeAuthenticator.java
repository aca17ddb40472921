package io.hatidata.wire.pg;

import io.hatidata.api.identity.AuthenticationException;
import io.hatidata.api.identity.AuthenticationUnavailableException;
import io.hatidata.api.identity.Authenticator;
import io.hatidata.api.identity.Credentials;
import io.hatidata.api.identity.Identity;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Accepts exactly one API key, for any user name; records what it was asked. */
final class FakeAuthenticator implements Authenticator {
    static final String GOOD_KEY = "hd_test_good_key";
    /** A key for which the control plane is "unreachable". */
    static final String UNAVAILABLE_KEY = "hd_test_unavailable";

    final List<Credentials> asked = new CopyOnWriteArrayList<>();

    @Override
    public Identity authenticate(Credentials credentials) throws AuthenticationException {
        asked.add(credentials);
        if (UNAVAILABLE_KEY.equals(credentials.secret())) {
            throw new AuthenticationUnavailableException("authentication is unavailable: the control plane cannot be reached");
        }
        if (!GOOD_KEY.equals(credentials.secret())) {
            throw new AuthenticationException("invalid credentials");
        }
        return new Identity("org_test", "usr_test", credentials.userName(), "analyst", "env_test", "development", "key_test");
    }
}

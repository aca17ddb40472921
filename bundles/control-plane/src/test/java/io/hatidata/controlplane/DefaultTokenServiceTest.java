package io.hatidata.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.LoginResult;
import io.hatidata.api.controlplane.Tokens;
import io.hatidata.api.identity.AuthenticationException;
import io.hatidata.api.identity.Credentials;
import io.hatidata.api.identity.Identity;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultTokenServiceTest {
    @TempDir
    Path dir;

    private TestStore store;

    @BeforeEach
    void start() throws Exception {
        store = new TestStore(dir);
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void logsInAndTheAccessTokenWorksAsAWirePassword() throws Exception {
        LoginResult result = store.login.login(TestStore.OWNER_EMAIL, TestStore.OWNER_PASSWORD, null, null, "127.0.0.1");
        assertEquals(3600, result.tokens().expiresInSeconds());
        assertEquals("owner", result.user().role().json());
        assertEquals(TestStore.OWNER_EMAIL, result.user().email());
        assertTrue(result.user().lastLogin() != null);
        assertTrue(result.tokens().refreshToken().startsWith("hdr_"));

        Identity identity = store.authenticator.authenticate(
                new Credentials("admin", result.tokens().accessToken(), "hatidata", "127.0.0.1"));
        assertEquals(result.user().id(), identity.userId());
        assertEquals(result.environmentId(), identity.environmentId());
        assertEquals("development", identity.environmentName());
        assertEquals("", identity.keyId());
        Caller caller = store.caller(result.tokens().accessToken());
        assertEquals(Caller.Method.ACCESS_TOKEN, caller.method());
        assertEquals(TestStore.OWNER_EMAIL, caller.email());
    }

    @Test
    void refusesWrongPasswordsAndThrottlesRepeatedFailures() {
        for (int i = 0; i < 5; i++) {
            ControlPlaneException ex = assertThrows(ControlPlaneException.class,
                    () -> store.login.login(TestStore.OWNER_EMAIL, "wrong password!", null, null, "127.0.0.2"));
            assertEquals(ControlPlaneException.Reason.UNAUTHORIZED, ex.reason());
        }
        ControlPlaneException ex = assertThrows(ControlPlaneException.class,
                () -> store.login.login(TestStore.OWNER_EMAIL, TestStore.OWNER_PASSWORD, null, null, "127.0.0.2"));
        assertEquals(ControlPlaneException.Reason.RATE_LIMITED, ex.reason());
        assertTrue(ex.retryAfterSeconds() > 0);
        ex = assertThrows(ControlPlaneException.class,
                () -> store.login.login("nobody@example.com", "whatever it is", null, null, "127.0.0.3"));
        assertEquals(ControlPlaneException.Reason.UNAUTHORIZED, ex.reason());
    }

    @Test
    void refreshRotatesAndAReusedTokenEndsTheSession() throws Exception {
        LoginResult result = store.login.login(TestStore.OWNER_EMAIL, TestStore.OWNER_PASSWORD, null, null, "127.0.0.1");
        Tokens refreshed = store.login.refresh(result.tokens().refreshToken(), "127.0.0.1");
        assertNotEquals(result.tokens().refreshToken(), refreshed.refreshToken());
        store.caller(refreshed.accessToken());

        ControlPlaneException ex = assertThrows(ControlPlaneException.class,
                () -> store.login.refresh(result.tokens().refreshToken(), "127.0.0.1"));
        assertEquals(ControlPlaneException.Reason.UNAUTHORIZED, ex.reason());
        assertThrows(ControlPlaneException.class, () -> store.login.refresh(refreshed.refreshToken(), "127.0.0.1"));
        assertThrows(AuthenticationException.class, () -> store.caller(refreshed.accessToken()),
                "the reuse revoked the session, so its access tokens stop too");
        assertThrows(ControlPlaneException.class, () -> store.login.refresh("hdr_nothing.here", "127.0.0.1"));
    }

    @Test
    void publishesTheKeySet() {
        assertTrue(store.login.jsonWebKeySet().contains("\"alg\":\"RS256\""));
    }
}

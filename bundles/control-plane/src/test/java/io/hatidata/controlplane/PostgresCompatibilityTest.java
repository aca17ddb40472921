package io.hatidata.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.CreatedApiKey;
import io.hatidata.api.controlplane.Environment;
import io.hatidata.api.controlplane.EnvironmentChanges;
import io.hatidata.api.controlplane.LoginResult;
import io.hatidata.api.controlplane.NewApiKey;
import io.hatidata.api.controlplane.OrganizationChanges;
import io.hatidata.api.controlplane.PageRequest;
import io.hatidata.api.controlplane.RotatedApiKey;
import io.hatidata.api.controlplane.Tokens;
import io.hatidata.api.identity.AuthenticationException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same schema, bootstrap and services on PostgreSQL (a throwaway cluster). */
class PostgresCompatibilityTest {
    private static PostgresCluster cluster;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCluster() throws Exception {
        Optional<PostgresCluster> started = PostgresCluster.start();
        Assumptions.assumeTrue(started.isPresent(), "PostgreSQL server binaries are not installed");
        cluster = started.get();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void runsTheControlPlaneOnPostgres() throws Exception {
        TestStore store = new TestStore(dir, cluster.dataSource());
        Caller owner = store.owner();
        String orgId = owner.identity().organizationId();
        Environment production = store.environments.create(owner, orgId, new EnvironmentChanges("production", null, null, null, true));
        for (int i = 0; i < 3; i++) {
            store.environments.create(owner, orgId, new EnvironmentChanges("e" + i, null, null, null, null));
        }
        var page = store.environments.list(owner, orgId, new PageRequest(3, null));
        assertEquals(5, page.total());
        assertEquals(2, store.environments.list(owner, orgId, new PageRequest(3, page.nextCursor())).items().size());

        LoginResult login = store.login.login(TestStore.OWNER_EMAIL, TestStore.OWNER_PASSWORD, null, null, "127.0.0.1");
        Caller token = store.caller(login.tokens().accessToken());
        Tokens refreshed = store.login.refresh(login.tokens().refreshToken(), "127.0.0.1");
        store.caller(refreshed.accessToken());

        CreatedApiKey key = store.keys.create(token, production.id(),
                new NewApiKey("k", List.of("query:read"), List.of("10.0.0.0/8"), null, 30));
        assertTrue(key.secret().startsWith("hd_live_"));
        store.authenticator.authenticate(new io.hatidata.api.identity.Credentials("a", key.secret(), "", "10.0.0.2"));
        RotatedApiKey rotated = store.keys.rotate(token, production.id(), key.key().id(), 1);
        assertEquals("rotating", store.keys.get(token, production.id(), key.key().id()).status());
        store.keys.revoke(token, production.id(), rotated.replacement().key().id());
        assertThrows(AuthenticationException.class, () -> store.caller(rotated.replacement().secret()));

        var invitation = store.users.invite(owner, orgId, "x@example.com", null, "analyst");
        var invited = invitation.user();
        store.users.changeRole(owner, orgId, invited.id(), "developer");
        assertEquals("active", store.login.acceptInvitation(invitation.invitationToken(), "a long new password", "X",
                "127.0.0.1").user().status());
        assertEquals(1, store.users.list(owner, orgId, "developer", null, PageRequest.first()).total());
        store.organizations.create(token, new OrganizationChanges("Other", "other", "b@o.test", null, null, null, null));
        ControlPlaneException ex = assertThrows(ControlPlaneException.class, () -> store.organizations.create(token,
                new OrganizationChanges("Other", "other", "b@o.test", null, null, null, null)));
        assertEquals(ControlPlaneException.Reason.CONFLICT, ex.reason());

        // a restart finds the schema at its version and the bootstrap done
        new TestStore(dir, cluster.dataSource());
        assertEquals(1, store.organizations.list(owner, PageRequest.first()).total());
    }
}

package io.hatidata.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.controlplane.ApiKey;
import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.ControlPlaneException.Reason;
import io.hatidata.api.controlplane.CreatedApiKey;
import io.hatidata.api.controlplane.Environment;
import io.hatidata.api.controlplane.EnvironmentChanges;
import io.hatidata.api.controlplane.NewApiKey;
import io.hatidata.api.controlplane.Organization;
import io.hatidata.api.controlplane.OrganizationChanges;
import io.hatidata.api.controlplane.Page;
import io.hatidata.api.controlplane.PageRequest;
import io.hatidata.api.controlplane.Role;
import io.hatidata.api.controlplane.RotatedApiKey;
import io.hatidata.api.controlplane.User;
import io.hatidata.api.identity.AuthenticationException;
import io.hatidata.api.identity.Credentials;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Organizations, environments, keys and users against a real Derby store. */
class ControlPlaneServicesTest {
    @TempDir
    Path dir;

    private TestStore store;
    private Caller owner;
    private String orgId;

    @BeforeEach
    void start() throws Exception {
        store = new TestStore(dir);
        owner = store.owner();
        orgId = owner.identity().organizationId();
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void ownerCreatesAnEnvironmentAndAQueryReadKeyThatAuthenticates() throws Exception {
        Environment production = store.environments.create(owner, orgId,
                new EnvironmentChanges("Production", null, 60_000, null, true));
        assertEquals("production", production.slug());
        assertTrue(production.id().startsWith("env_prod_"), production.id());
        assertEquals("active", production.status());
        assertEquals(60_000, production.queryTimeoutMs());
        assertEquals(50, production.maxConcurrentQueries());

        // an owner key is bound to its own environment; a logged-in owner reaches every environment
        Caller token = tokenCaller();
        CreatedApiKey created = store.keys.create(token, production.id(),
                new NewApiKey("reader", List.of("query:read"), List.of(), null, 90));
        assertTrue(created.secret().startsWith("hd_live_"), "production keys are live keys");
        assertEquals(40, created.secret().length());
        assertEquals(created.secret().substring(0, 12), created.key().prefix());
        assertEquals(List.of("query:read"), created.key().scopes());
        assertEquals("active", created.key().status());
        assertTrue(created.key().expiresAt() != null);

        Caller reader = store.caller(created.secret());
        assertEquals(production.id(), reader.identity().environmentId());
        assertEquals(java.util.Set.of("query:read"), reader.scopes());
        assertEquals("owner", reader.identity().role());
        ApiKey listed = store.keys.list(token, production.id(), PageRequest.first()).items().get(0);
        assertEquals(created.key().id(), listed.id());

        Environment development = store.environments.get(owner, owner.identity().environmentId());
        CreatedApiKey test = store.keys.create(owner, development.id(), new NewApiKey("t", List.of(), List.of(), null, null));
        assertTrue(test.secret().startsWith("hd_test_"));
        assertEquals(List.of("audit:read", "query:read", "schemas:read", "tables:describe", "tables:list"),
                test.key().scopes(), "no scopes means read_only");
        refused(Reason.NOT_FOUND, () -> store.keys.list(owner, production.id(), PageRequest.first()));
    }

    @Test
    void validatesInputWithFieldDetails() {
        ControlPlaneException ex = assertThrows(ControlPlaneException.class,
                () -> store.environments.create(owner, orgId, new EnvironmentChanges(" ", null, null, null, null)));
        assertEquals(Reason.VALIDATION, ex.reason());
        assertEquals("name", ex.details().get("field"));
        assertEquals("required", ex.details().get("constraint"));
        String env = owner.identity().environmentId();
        ex = assertThrows(ControlPlaneException.class,
                () -> store.keys.create(owner, env, new NewApiKey("k", List.of("query:fly"), List.of(), null, null)));
        assertEquals("scopes", ex.details().get("field"));
        ex = assertThrows(ControlPlaneException.class,
                () -> store.keys.create(owner, env, new NewApiKey("k", List.of(), List.of("10.0.0.1/8"), null, null)));
        assertEquals("ip_allowlist", ex.details().get("field"));
        refused(Reason.CONFLICT, () -> store.environments.create(owner, orgId,
                new EnvironmentChanges("development", null, null, null, null)));
    }

    @Test
    void rolesAndScopesLimitWhatCallersMayDo() throws Exception {
        String env = owner.identity().environmentId();
        for (Role role : List.of(Role.ANALYST, Role.AUDITOR, Role.DEVELOPER, Role.SERVICE_ACCOUNT)) {
            Caller caller = store.as(role);
            refused(Reason.FORBIDDEN, () -> store.keys.create(caller, env, new NewApiKey("k", List.of(), List.of(), null, null)));
            refused(Reason.FORBIDDEN, () -> store.environments.create(caller, orgId, new EnvironmentChanges("x", null, null, null, null)));
            refused(Reason.FORBIDDEN, () -> store.users.list(caller, orgId, null, null, PageRequest.first()));
            assertEquals(1, store.environments.list(caller, orgId, PageRequest.first()).total(), "members list environments");
        }
        Caller admin = store.as(Role.ADMIN);
        store.environments.create(admin, orgId, new EnvironmentChanges("staging", null, null, null, null));
        refused(Reason.FORBIDDEN, () -> store.organizations.delete(admin, orgId));
        refused(Reason.FORBIDDEN, () -> store.keys.create(admin, env, new NewApiKey("k", List.of(), List.of(), "owner", null)));
        refused(Reason.FORBIDDEN, () -> store.users.invite(admin, orgId, "a@example.com", null, "admin"));
        User analyst = store.users.invite(admin, orgId, "b@example.com", "B", "analyst").user();
        assertEquals("invited", analyst.status());
        assertTrue(analyst.invitationExpiresAt() != null);

        // a key with query:read only cannot manage keys even though its role could
        CreatedApiKey reader = store.keys.create(owner, env, new NewApiKey("r", List.of("query:read"), List.of(), null, null));
        Caller readerCaller = store.caller(reader.secret());
        refused(Reason.FORBIDDEN, () -> store.keys.list(readerCaller, env, PageRequest.first()));
    }

    @Test
    void elevationRules() throws Exception {
        Caller admin = store.as(Role.ADMIN);
        User user = store.users.invite(owner, orgId, "c@example.com", "C", "developer").user();
        refused(Reason.FORBIDDEN, () -> store.users.changeRole(admin, orgId, user.id(), "admin"));
        assertEquals(Role.ADMIN, store.users.changeRole(owner, orgId, user.id(), "admin").role());
        refused(Reason.FORBIDDEN, () -> store.users.changeRole(admin, orgId, user.id(), "analyst"));
        refused(Reason.FORBIDDEN, () -> store.users.changeRole(owner, orgId, owner.identity().userId(), "admin"));
        assertEquals("suspended", store.users.suspend(owner, orgId, user.id()).status());
        Page<User> active = store.users.list(owner, orgId, null, "active", PageRequest.first());
        assertEquals(1, active.total());
        store.users.remove(owner, orgId, user.id());
        refused(Reason.NOT_FOUND, () -> store.users.get(owner, orgId, user.id()));
        assertEquals(List.of("user.invited", "user.role_changed", "user.suspended", "user.removed"),
                store.events.stream().map(each -> each.type()).toList());
        assertEquals(java.util.Map.of("role", "admin", "previous_role", "developer"), store.events.get(1).data());
        assertEquals(owner.identity().userId(), store.events.get(1).actorId());
    }

    @Test
    void anotherOrganizationIsNotFound() throws Exception {
        Caller token = tokenCaller();
        Organization other = store.organizations.create(token,
                new OrganizationChanges("Other", "other", "billing@other.test", null, null, null, null));
        assertEquals("free", other.tier().json());
        assertEquals("active", other.status());
        refused(Reason.CONFLICT, () -> store.organizations.create(token,
                new OrganizationChanges("Again", "other", "billing@other.test", null, null, null, null)));
        refused(Reason.FORBIDDEN, () -> store.organizations.create(owner,
                new OrganizationChanges("Key", "by-key", "b@k.test", null, null, null, null)));

        refused(Reason.NOT_FOUND, () -> store.organizations.get(owner, other.id()));
        refused(Reason.NOT_FOUND, () -> store.environments.list(owner, other.id(), PageRequest.first()));
        refused(Reason.NOT_FOUND, () -> store.users.list(owner, other.id(), null, null, PageRequest.first()));
        assertEquals(List.of(orgId), store.organizations.list(owner, PageRequest.first()).items().stream()
                .map(Organization::id).toList());

        // the creator logs in to the new organization and manages it
        var login = store.login.login(TestStore.OWNER_EMAIL, TestStore.OWNER_PASSWORD, other.id(), null, "127.0.0.1");
        Caller otherOwner = store.caller(login.tokens().accessToken());
        assertEquals(other.id(), otherOwner.identity().organizationId());
        Environment otherEnv = store.environments.list(otherOwner, other.id(), PageRequest.first()).items().get(0);
        refused(Reason.NOT_FOUND, () -> store.environments.get(owner, otherEnv.id()));
        refused(Reason.NOT_FOUND, () -> store.keys.list(token, otherEnv.id(), PageRequest.first()));
    }

    @Test
    void rotationKeepsBothKeysDuringTheGracePeriod() throws Exception {
        String env = owner.identity().environmentId();
        CreatedApiKey key = store.keys.create(owner, env, new NewApiKey("k", List.of("developer"), List.of(), null, null));
        RotatedApiKey rotated = store.keys.rotate(owner, env, key.key().id(), 2);
        assertEquals(key.key().id(), rotated.oldKeyId());
        assertEquals(2, rotated.gracePeriodHours());
        assertNotEquals(key.secret(), rotated.replacement().secret());
        assertEquals(key.key().scopes(), rotated.replacement().key().scopes());
        assertEquals("rotating", store.keys.get(owner, env, key.key().id()).status());
        store.caller(key.secret());
        store.caller(rotated.replacement().secret());
        refused(Reason.CONFLICT, () -> store.keys.rotate(owner, env, key.key().id(), null));

        RotatedApiKey immediate = store.keys.rotate(owner, env, rotated.replacement().key().id(), 0);
        assertThrows(AuthenticationException.class, () -> store.caller(rotated.replacement().secret()));
        store.caller(immediate.replacement().secret());

        ApiKey revoked = store.keys.revoke(owner, env, immediate.replacement().key().id());
        assertEquals("revoked", revoked.status());
        assertEquals(List.of("key.created", "key.rotated", "key.rotated", "key.revoked"),
                store.events.stream().map(each -> each.type()).toList());
        assertThrows(AuthenticationException.class, () -> store.caller(immediate.replacement().secret()));
    }

    @Test
    void allowlistsAndSuspensionStopKeysOnEveryFrontEnd() throws Exception {
        String env = owner.identity().environmentId();
        CreatedApiKey key = store.keys.create(owner, env,
                new NewApiKey("k", List.of(), List.of("10.0.0.0/8", "2001:db8::/32"), null, null));
        assertEquals("owner", store.authenticator.authenticate(new Credentials("a", key.secret(), "", "10.1.2.3")).role());
        store.authenticator.authenticate(new Credentials("a", key.secret(), "", "2001:db8::7"));
        assertThrows(AuthenticationException.class,
                () -> store.authenticator.authenticate(new Credentials("a", key.secret(), "", "192.168.0.1")));

        Organization suspended = store.organizations.update(owner, orgId,
                new OrganizationChanges(null, null, null, null, null, null, "suspended"));
        assertEquals("suspended", suspended.status());
        assertThrows(AuthenticationException.class, () -> store.caller(TestStore.OWNER_KEY));
        assertThrows(AuthenticationException.class,
                () -> store.authenticator.authenticate(new Credentials("a", key.secret(), "", "10.1.2.3")));
        refused(Reason.UNAUTHORIZED, () -> store.login.login(TestStore.OWNER_EMAIL, TestStore.OWNER_PASSWORD, null, null, "127.0.0.9"));
    }

    @Test
    void pagesWithCursors() throws Exception {
        for (int i = 0; i < 5; i++) {
            store.environments.create(owner, orgId, new EnvironmentChanges("env " + i, null, null, null, null));
        }
        Page<Environment> first = store.environments.list(owner, orgId, new PageRequest(4, null));
        assertEquals(4, first.items().size());
        assertEquals(6, first.total());
        assertTrue(first.hasMore());
        Page<Environment> second = store.environments.list(owner, orgId, new PageRequest(4, first.nextCursor()));
        assertEquals(2, second.items().size());
        assertNull(second.nextCursor());
        refused(Reason.VALIDATION, () -> store.environments.list(owner, orgId, new PageRequest(4, "cur_???")));
        refused(Reason.VALIDATION, () -> new PageRequest(201, null));
    }

    @Test
    void deletingAnEnvironmentRevokesItsKeys() throws Exception {
        Caller token = tokenCaller();
        Environment staging = store.environments.create(owner, orgId, new EnvironmentChanges("staging", null, null, null, null));
        CreatedApiKey key = store.keys.create(token, staging.id(), new NewApiKey("k", List.of(), List.of(), null, null));
        store.caller(key.secret());
        store.environments.delete(owner, staging.id());
        assertThrows(AuthenticationException.class, () -> store.caller(key.secret()));
        refused(Reason.NOT_FOUND, () -> store.environments.get(owner, staging.id()));
        store.environments.create(owner, orgId, new EnvironmentChanges("staging", null, null, null, null));
    }

    private Caller tokenCaller() throws Exception {
        var login = store.login.login(TestStore.OWNER_EMAIL, TestStore.OWNER_PASSWORD, null, null, "127.0.0.1");
        return store.caller(login.tokens().accessToken());
    }

    private static void refused(Reason reason, Executable action) {
        ControlPlaneException ex = assertThrows(ControlPlaneException.class, action);
        assertEquals(reason, ex.reason(), ex.getMessage());
    }
}

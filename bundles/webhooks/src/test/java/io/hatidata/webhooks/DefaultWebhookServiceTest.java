package io.hatidata.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.Page;
import io.hatidata.api.controlplane.PageRequest;
import io.hatidata.api.controlplane.Role;
import io.hatidata.api.controlplane.Scopes;
import io.hatidata.api.webhooks.CreatedWebhook;
import io.hatidata.api.webhooks.NewWebhook;
import io.hatidata.api.webhooks.RotatedWebhookSecret;
import io.hatidata.api.webhooks.Webhook;
import io.hatidata.api.webhooks.WebhookChanges;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultWebhookServiceTest {
    private static final NewWebhook HOOK = new NewWebhook("https://hooks.example.com/in", "ops", List.of("key.created"));

    @TempDir
    Path dir;

    private TestWebhooks webhooks;

    @BeforeEach
    void start() throws Exception {
        webhooks = new TestWebhooks(dir, "60", 20);
    }

    @AfterEach
    void stop() throws Exception {
        webhooks.close();
    }

    private static ControlPlaneException.Reason refusal(Runnable call) {
        return assertThrows(ControlPlaneException.class, call::run).reason();
    }

    @Test
    void createReturnsTheSecretOnceAndStoresItEncrypted() throws Exception {
        CreatedWebhook created = webhooks.service.create(TestWebhooks.owner(), TestWebhooks.ORG, HOOK);
        assertTrue(created.signingSecret().matches("whsec_[A-Za-z0-9]{40}"), created.signingSecret());
        assertTrue(created.webhook().id().startsWith("wh_"));
        assertEquals(Webhook.ACTIVE, created.webhook().status());
        assertFalse(created.toString().contains(created.signingSecret()));
        String stored = webhooks.database.jdbc().inTransaction(connection ->
                webhooks.database.webhooks().find(connection, created.webhook().id()).orElseThrow().secret());
        assertFalse(stored.contains(created.signingSecret().substring(6)));
        assertEquals(created.signingSecret(), webhooks.cipher.decrypt(stored, created.webhook().id()));
        assertEquals(created.webhook(), webhooks.service.get(TestWebhooks.owner(), TestWebhooks.ORG, created.webhook().id()));
    }

    @Test
    void onlyOwnersAndAdminsWithTheScopeManageWebhooks() {
        for (Role each : List.of(Role.ANALYST, Role.AUDITOR, Role.DEVELOPER, Role.SERVICE_ACCOUNT)) {
            Caller caller = TestWebhooks.caller(TestWebhooks.ORG, each, Caller.Method.ACCESS_TOKEN, Scopes.forRole(each));
            assertEquals(ControlPlaneException.Reason.FORBIDDEN, refusal(
                    () -> webhooks.service.list(caller, TestWebhooks.ORG, PageRequest.first())), each.json());
        }
        Caller admin = TestWebhooks.caller(TestWebhooks.ORG, Role.ADMIN, Caller.Method.ACCESS_TOKEN, Scopes.forRole(Role.ADMIN));
        webhooks.service.create(admin, TestWebhooks.ORG, HOOK);
        Caller keyWithoutScope = TestWebhooks.caller(TestWebhooks.ORG, Role.ADMIN, Caller.Method.API_KEY, Set.of("keys:manage"));
        assertEquals(ControlPlaneException.Reason.FORBIDDEN, refusal(() -> webhooks.service.create(keyWithoutScope, TestWebhooks.ORG, HOOK)));
        Caller keyWithScope = TestWebhooks.caller(TestWebhooks.ORG, Role.ADMIN, Caller.Method.API_KEY, Set.of("webhooks:manage"));
        assertEquals(1, webhooks.service.list(keyWithScope, TestWebhooks.ORG, PageRequest.first()).total());
    }

    @Test
    void anotherOrganizationsWebhooksAreNotFound() {
        String id = webhooks.service.create(TestWebhooks.owner(), TestWebhooks.ORG, HOOK).webhook().id();
        Caller stranger = TestWebhooks.caller(TestWebhooks.OTHER_ORG, Role.OWNER, Caller.Method.ACCESS_TOKEN, Scopes.forRole(Role.OWNER));
        assertEquals(ControlPlaneException.Reason.NOT_FOUND, refusal(() -> webhooks.service.get(stranger, TestWebhooks.ORG, id)));
        assertEquals(ControlPlaneException.Reason.NOT_FOUND, refusal(() -> webhooks.service.get(stranger, TestWebhooks.OTHER_ORG, id)));
        assertEquals(ControlPlaneException.Reason.NOT_FOUND, refusal(() -> webhooks.service.delete(stranger, TestWebhooks.OTHER_ORG, id)));
        assertEquals(ControlPlaneException.Reason.NOT_FOUND, refusal(() -> webhooks.service.sendTest(stranger, TestWebhooks.OTHER_ORG, id)));
    }

    @Test
    void badInputNamesTheField() {
        Caller owner = TestWebhooks.owner();
        assertEquals("events", assertThrows(ControlPlaneException.class, () -> webhooks.service.create(owner, TestWebhooks.ORG,
                new NewWebhook("https://a.example/", null, List.of()))).details().get("field"));
        assertEquals("enum", assertThrows(ControlPlaneException.class, () -> webhooks.service.create(owner, TestWebhooks.ORG,
                new NewWebhook("https://a.example/", null, List.of("key.exploded")))).details().get("constraint"));
        assertEquals("https_required", assertThrows(ControlPlaneException.class, () -> webhooks.service.create(owner,
                TestWebhooks.ORG, new NewWebhook("http://a.example/", null, List.of("key.created")))).details().get("constraint"));
        assertEquals("description", assertThrows(ControlPlaneException.class, () -> webhooks.service.create(owner,
                TestWebhooks.ORG, new NewWebhook("https://a.example/", "d".repeat(501), List.of("key.created")))).details().get("field"));
        String id = webhooks.service.create(owner, TestWebhooks.ORG, HOOK).webhook().id();
        assertEquals("status", assertThrows(ControlPlaneException.class, () -> webhooks.service.update(owner, TestWebhooks.ORG,
                id, new WebhookChanges(null, null, null, "paused"))).details().get("field"));
        assertEquals("grace_period_hours", assertThrows(ControlPlaneException.class,
                () -> webhooks.service.rotateSecret(owner, TestWebhooks.ORG, id, 721)).details().get("field"));
    }

    @Test
    void anOrganizationHasABoundedNumberOfWebhooks() {
        for (int i = 0; i < 3; i++) {
            webhooks.service.create(TestWebhooks.owner(), TestWebhooks.ORG, HOOK);
        }
        assertEquals(ControlPlaneException.Reason.CONFLICT, refusal(() -> webhooks.service.create(TestWebhooks.owner(), TestWebhooks.ORG, HOOK)));
    }

    @Test
    void listPagesUpdateChangesAndDeleteRemoves() {
        Caller owner = TestWebhooks.owner();
        for (int i = 0; i < 3; i++) {
            webhooks.service.create(owner, TestWebhooks.ORG, HOOK);
        }
        Page<Webhook> first = webhooks.service.list(owner, TestWebhooks.ORG, new PageRequest(2, null));
        assertEquals(2, first.items().size());
        assertEquals(3, first.total());
        Page<Webhook> second = webhooks.service.list(owner, TestWebhooks.ORG, new PageRequest(2, first.nextCursor()));
        assertEquals(1, second.items().size());
        assertFalse(second.hasMore());
        String id = second.items().get(0).id();
        Webhook changed = webhooks.service.update(owner, TestWebhooks.ORG, id,
                new WebhookChanges(null, "renamed", List.of("key.revoked", "user.invited"), Webhook.DISABLED));
        assertEquals("renamed", changed.description());
        assertEquals(List.of("key.revoked", "user.invited"), changed.events());
        assertEquals(changed, webhooks.service.get(owner, TestWebhooks.ORG, id));
        assertEquals(ControlPlaneException.Reason.CONFLICT, refusal(() -> webhooks.service.sendTest(owner, TestWebhooks.ORG, id)));
        webhooks.service.delete(owner, TestWebhooks.ORG, id);
        assertEquals(ControlPlaneException.Reason.NOT_FOUND, refusal(() -> webhooks.service.get(owner, TestWebhooks.ORG, id)));
        assertEquals(2, webhooks.service.list(owner, TestWebhooks.ORG, PageRequest.first()).total());
    }

    @Test
    void rotationKeepsThePreviousSecretForTheGracePeriod() throws Exception {
        CreatedWebhook created = webhooks.service.create(TestWebhooks.owner(), TestWebhooks.ORG, HOOK);
        RotatedWebhookSecret rotated = webhooks.service.rotateSecret(TestWebhooks.owner(), TestWebhooks.ORG,
                created.webhook().id(), 2);
        assertTrue(rotated.webhook().secretRotating());
        WebhookRow row = webhooks.database.jdbc().inTransaction(connection ->
                webhooks.database.webhooks().find(connection, created.webhook().id()).orElseThrow());
        assertEquals(rotated.signingSecret(), webhooks.cipher.decrypt(row.secret(), created.webhook().id()));
        assertEquals(created.signingSecret(), webhooks.cipher.decrypt(row.previousSecret(), created.webhook().id()));
        assertTrue(row.previousSecretValid(rotated.previousSecretExpiresAt().minusSeconds(1)));
        assertFalse(row.previousSecretValid(rotated.previousSecretExpiresAt()));
    }
}

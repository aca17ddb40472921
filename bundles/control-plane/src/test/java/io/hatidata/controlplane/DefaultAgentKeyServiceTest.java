package io.hatidata.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.controlplane.AgentKey;
import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.CreatedAgentKey;
import io.hatidata.api.controlplane.NewAgentKey;
import io.hatidata.api.controlplane.PageRequest;
import io.hatidata.api.controlplane.Role;
import io.hatidata.api.controlplane.RotatedApiKey;
import io.hatidata.api.controlplane.Scopes;
import io.hatidata.api.identity.AuthenticationException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultAgentKeyServiceTest {
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
    void createsAgentKeysThatAuthenticateAsServiceAccounts() throws Exception {
        Caller owner = store.owner();
        String orgId = owner.identity().organizationId();
        CreatedAgentKey created = store.agentKeys.create(owner, orgId, new NewAgentKey("billing-bot", null, "books invoices",
                List.of("main"), List.of("main.invoices"), null, null, 30));
        assertTrue(created.secret().startsWith("hd_agent_"));
        assertEquals(40, created.secret().length());
        AgentKey key = created.key();
        assertEquals("billing-bot", key.agentName());
        assertEquals("custom", key.framework());
        assertEquals(List.of("main.invoices"), key.allowedTables());
        assertEquals(Role.SERVICE_ACCOUNT, key.key().role());
        assertEquals(Scopes.normalize(List.of("agent")), java.util.Set.copyOf(key.key().scopes()));

        Caller agent = store.caller(created.secret());
        assertEquals("service_account", agent.identity().role());
        assertEquals(owner.identity().environmentId(), agent.identity().environmentId());
        assertEquals(1, store.agentKeys.list(owner, orgId, PageRequest.first()).total());
        assertEquals(0, store.keys.list(owner, owner.identity().environmentId(), PageRequest.first()).items().stream()
                .filter(each -> each.id().equals("nothing")).count());

        AgentKey updated = store.agentKeys.update(owner, orgId, key.key().id(), "billing-bot-2", null, List.of(), null);
        assertEquals("billing-bot-2", updated.agentName());
        assertEquals(List.of(), updated.allowedSchemas());
        assertEquals(List.of("main.invoices"), updated.allowedTables());

        RotatedApiKey rotated = store.agentKeys.rotate(owner, orgId, key.key().id(), 0);
        assertTrue(rotated.replacement().secret().startsWith("hd_agent_"));
        assertThrows(AuthenticationException.class, () -> store.caller(created.secret()));
        assertEquals("billing-bot-2", store.agentKeys.get(owner, orgId, rotated.replacement().key().id()).agentName());
        assertEquals("revoked", store.agentKeys.revoke(owner, orgId, rotated.replacement().key().id()).status());

        ControlPlaneException ex = assertThrows(ControlPlaneException.class,
                () -> store.agentKeys.create(store.as(Role.DEVELOPER), orgId, new NewAgentKey("x", null, null, null, null, null, null, null)));
        assertEquals(ControlPlaneException.Reason.FORBIDDEN, ex.reason());
        ex = assertThrows(ControlPlaneException.class,
                () -> store.agentKeys.get(owner, "org_other", rotated.replacement().key().id()));
        assertEquals(ControlPlaneException.Reason.NOT_FOUND, ex.reason());
        ex = assertThrows(ControlPlaneException.class,
                () -> store.agentKeys.create(owner, orgId, new NewAgentKey(" ", null, null, null, null, null, null, null)));
        assertEquals("agent_name", ex.details().get("field"));
    }
}

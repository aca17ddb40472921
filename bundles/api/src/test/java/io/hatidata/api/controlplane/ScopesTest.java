package io.hatidata.api.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopesTest {
    @Test
    void hasTheTwentyTwoCanonicalScopes() {
        assertEquals(22, Scopes.ALL.size());
        assertEquals(22, Set.copyOf(Scopes.ALL).size());
    }

    @Test
    void expandsBundlesAndAliases() {
        assertEquals(Set.of("query:read", "tables:list", "tables:describe", "schemas:read", "audit:read"),
                Scopes.normalize(List.of("read_only")));
        assertEquals(11, Scopes.normalize(List.of("developer")).size());
        assertEquals(17, Scopes.normalize(List.of("admin")).size());
        assertEquals(Scopes.normalize(List.of("agent")), Scopes.normalize(List.of("agent:*")));
        assertEquals(Set.of("schemas:read"), Scopes.normalize(List.of("schema:read")));
        assertEquals(Set.of("query:read", "memory:write"), Scopes.normalize(List.of("QueryRead", "MemoryWrite")));
        assertThrows(IllegalArgumentException.class, () -> Scopes.normalize(List.of("query:fly")));
    }

    @Test
    void rolesHaveScopes() {
        assertEquals(Set.copyOf(Scopes.ALL), Scopes.forRole(Role.OWNER));
        assertTrue(Scopes.forRole(Role.ANALYST).contains(Scopes.QUERY_READ));
        assertEquals(Set.of("audit:read"), Scopes.forRole(Role.AUDITOR));
    }

    @Test
    void pageRequestsAreBounded() {
        assertEquals(50, PageRequest.first().limit());
        assertThrows(ControlPlaneException.class, () -> new PageRequest(0, null));
        assertThrows(ControlPlaneException.class, () -> new PageRequest(201, null));
        assertEquals(null, new PageRequest(10, " ").cursor());
    }
}

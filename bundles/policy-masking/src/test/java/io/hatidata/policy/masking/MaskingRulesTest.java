package io.hatidata.policy.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.identity.Identity;
import io.hatidata.api.policy.Policy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskingRulesTest {
    private static Identity as(String role) {
        return new Identity("org", "usr", "ana", role, "env", "dev", "key");
    }

    private static Policy policy(Map<String, Object> rule) {
        return new Policy("pol_1", "env", "org", "pii", Policy.COLUMN_MASKING, true, Map.of("rules", List.of(rule)),
                Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void masksAreTheDocumentedExpressions() {
        assertEquals("CASE WHEN \"email\" IS NULL THEN NULL ELSE '***' END", Masks.expression("full", "email", 4));
        assertEquals("sha256(CAST(\"ssn\" AS VARCHAR))", Masks.expression("hash", "ssn", 4));
        assertEquals("CAST(NULL AS VARCHAR)", Masks.expression("null", "x", 4));
        String partial = Masks.expression("partial", "card", 4);
        assertTrue(partial.contains("length(CAST(\"card\" AS VARCHAR)) <= 4 THEN '***'"), partial);
        assertTrue(partial.contains("'***' || substr(CAST(\"card\" AS VARCHAR), length(CAST(\"card\" AS VARCHAR)) - 3)"), partial);
    }

    @Test
    void exemptRolesAgentsAndFrameworksSelectTheRules() {
        Map<String, Object> rule = Map.of("table", "customers", "column", "email", "function", "full",
                "exempt_roles", List.of("admin"), "agent_ids", List.of(), "frameworks", List.of("langchain"));
        List<Policy> policies = List.of(policy(rule));
        assertTrue(MaskingRules.applicable(policies, as("admin"), Map.of("framework", "langchain")).isEmpty());
        assertTrue(MaskingRules.applicable(policies, as("analyst"), Map.of("framework", "crewai")).isEmpty());
        assertEquals(1, MaskingRules.applicable(policies, as("analyst"), Map.of("hatidata_framework", "LangChain")).size());
        Map<String, Object> agentRule = Map.of("table", "customers", "column", "email", "function", "hash",
                "agent_ids", List.of("agent-7"));
        assertTrue(MaskingRules.applicable(List.of(policy(agentRule)), as("owner"), Map.of()).isEmpty());
        assertEquals("sha256(CAST(\"email\" AS VARCHAR))", MaskingRules.applicable(List.of(policy(agentRule)), as("owner"),
                Map.of("agent_id", "agent-7")).get("customers").masks().get("email"));
    }
}

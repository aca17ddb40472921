package io.hatidata.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hatidata.api.controlplane.ControlPlaneException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefinitionsTest {
    private final Definitions definitions = new Definitions(10);

    @Test
    void maskingRulesAreNormalised() {
        Map<String, Object> checked = definitions.check("column_masking", Map.of("rules", List.of(
                Map.of("table", "customers", "column", "card", "function", "partial"))));
        Map<?, ?> rule = (Map<?, ?>) ((List<?>) checked.get("rules")).get(0);
        assertEquals(4L, rule.get("visible_chars"));
        assertEquals(List.of(), rule.get("exempt_roles"));
    }

    @Test
    void badRulesAreRefusedWithTheirField() {
        ControlPlaneException bad = assertThrows(ControlPlaneException.class, () -> definitions.check("column_masking",
                Map.of("rules", List.of(Map.of("table", "customers", "column", "email", "function", "rot13")))));
        assertEquals("rules[0].function", bad.details().get("field"));
        assertThrows(ControlPlaneException.class, () -> definitions.check("row_level_security",
                Map.of("rules", List.of(Map.of("table", "t; DROP TABLE x", "filter", "a = 1")))));
        assertThrows(ControlPlaneException.class, () -> definitions.check("row_level_security",
                Map.of("rules", List.of(Map.of("table", "t", "filter", "a = 1", "exempt_roles", List.of("god"))))));
        assertThrows(ControlPlaneException.class, () -> definitions.check("abac",
                Map.of("effect", "deny", "actions", List.of("query"), "conditions", Map.of("agent.id", Map.of("like", "x")))));
        assertThrows(ControlPlaneException.class, () -> definitions.check("other", Map.of()));
    }

    @Test
    void abacDocumentsGetDefaults() {
        Map<String, Object> checked = definitions.check("abac", Map.of("effect", "deny", "actions", List.of("query"),
                "conditions", Map.of("agent.framework", Map.of("in", List.of("langchain")))));
        assertEquals(List.of("*"), checked.get("resources"));
        assertEquals("", checked.get("description"));
    }
}

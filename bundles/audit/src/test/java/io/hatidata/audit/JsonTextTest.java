package io.hatidata.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void readsBackWhatItWrites() {
        Map<String, Object> verdict = new LinkedHashMap<>();
        verdict.put("policy_name", "pii \"mask\"\n");
        verdict.put("columns", List.of("email", "ssn"));
        verdict.put("n", 3L);
        verdict.put("ok", true);
        verdict.put("none", null);
        Object value = List.of(verdict);
        assertEquals(value, JsonText.read(JsonText.write(value)));
    }

    @Test
    void stringListsAndMaps() {
        assertEquals(List.of("a", "b.c"), JsonText.readStrings(JsonText.write(List.of("a", "b.c"))));
        assertEquals(Map.of("role", "admin"), JsonText.readStringMap(JsonText.write(Map.of("role", "admin"))));
        assertEquals(List.of(), JsonText.readStrings(null));
        assertNull(JsonText.read(""));
    }
}

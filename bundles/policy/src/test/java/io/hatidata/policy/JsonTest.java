package io.hatidata.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writesAndReadsBackNestedDefinitions() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("rules", List.of(Map.of("filter", "region = '{region}' \"q\" \\ \n")));
        value.put("n", 4L);
        value.put("d", new BigDecimal("1.5"));
        value.put("b", true);
        value.put("none", null);
        value.put("list", Arrays.asList(1L, "x", null));
        assertEquals(value, Json.read(Json.write(value)));
    }

    @Test
    void refusesBrokenAndTooDeepText() {
        assertThrows(IllegalArgumentException.class, () -> Json.read("{\"a\":1"));
        assertThrows(IllegalArgumentException.class, () -> Json.read("{} x"));
        assertThrows(IllegalArgumentException.class, () -> Json.read("[".repeat(Json.MAX_DEPTH + 2)));
    }
}

package io.hatidata.policy.rls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterTemplateTest {
    @Test
    void quotedAndBarePlaceholdersBecomeMarksWithTheirValues() {
        FilterTemplate.Bound bound = FilterTemplate.bind("region = '{region}' AND owner = {user_id}",
                Map.of("region", "eu' OR 1=1 --", "user_id", "usr_1"));
        assertEquals("region = ? AND owner = ?", bound.predicate());
        assertEquals(List.of("eu' OR 1=1 --", "usr_1"), bound.values());
    }

    @Test
    void aMissingAttributeMeansNoRows() {
        FilterTemplate.Bound bound = FilterTemplate.bind("region = '{region}' OR {agent_id} = 'x'", Map.of("agent_id", "a"));
        assertEquals(FilterTemplate.NO_ROWS, bound.predicate());
        assertEquals(List.of(), bound.values());
    }

    @Test
    void aFilterWithoutPlaceholdersStaysAsWritten() {
        assertEquals("deleted = FALSE", FilterTemplate.bind("deleted = FALSE", Map.of()).predicate());
    }
}

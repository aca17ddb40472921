package io.hatidata.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.pipeline.Session;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrioritiesTest {

    @Test
    void namesAndNumbers() {
        assertEquals(Priorities.LOW, Priorities.parse("LOW"));
        assertEquals(Priorities.NORMAL, Priorities.parse("normal"));
        assertEquals(Priorities.HIGH, Priorities.parse(" high "));
        assertEquals(Priorities.CRITICAL, Priorities.parse("critical"));
        assertEquals(Priorities.CRITICAL, Priorities.parse("3"));
        assertEquals(Priorities.LOW, Priorities.parse("0"));
    }

    @Test
    void unknownOrMissingIsNormal() {
        assertEquals(Priorities.NORMAL, Priorities.parse("urgent"));
        assertEquals(Priorities.NORMAL, Priorities.parse("99"));
        assertEquals(Priorities.NORMAL, Priorities.priority(Map.of()));
    }

    @Test
    void thePrefixedSettingWins() {
        assertEquals(Priorities.HIGH, Priorities.priority(Map.of("priority", "low", "hatidata_priority", "high")));
        assertEquals(Priorities.LOW, Priorities.priority(Map.of("priority", "low")));
    }

    @Test
    void priorityFirstThenRoleClass() {
        Session admin = TestQueries.session("admin");
        Session developer = TestQueries.session("developer");
        Session highDeveloper = TestQueries.session("developer");
        highDeveloper.setting("priority", "high");
        assertTrue(Priorities.rank(admin) > Priorities.rank(developer));
        assertTrue(Priorities.rank(highDeveloper) > Priorities.rank(admin));
        assertEquals(Priorities.rank(TestQueries.session("analyst")), Priorities.rank(admin));
    }
}

package io.hatidata.resultcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableVersionsTest {
    private final TableVersions versions = new TableVersions(100);

    @Test
    void aWriteMovesItsTablesVersionAndHoldsItInFlightUntilItEnds() {
        TableVersions.Snapshot before = versions.snapshot("env_a", List.of("orders", "users"));
        assertNotNull(before);
        versions.beginWrite("env_a", List.of("main.Orders"));
        assertNull(versions.snapshot("env_a", List.of("orders", "users")), "in flight");
        assertNotNull(versions.snapshot("env_a", List.of("users")), "other tables are not held");
        versions.endWrite("env_a", List.of("orders"));
        TableVersions.Snapshot after = versions.snapshot("env_a", List.of("orders", "users"));
        assertNotEquals(before, after);
        assertEquals(before.values().get(1), after.values().get(1));
        assertEquals(after, versions.snapshot("env_a", List.of("orders", "users")), "stable without writes");
    }

    @Test
    void environmentsAreSeparate() {
        TableVersions.Snapshot b = versions.snapshot("env_b", List.of("orders"));
        versions.beginWrite("env_a", List.of("orders"));
        versions.endWrite("env_a", List.of("orders"));
        assertEquals(b, versions.snapshot("env_b", List.of("orders")));
    }

    @Test
    void anEnvironmentWideWriteHoldsAndMovesEveryTable() {
        TableVersions.Snapshot before = versions.snapshot("env_a", List.of("orders"));
        versions.beginWrite("env_a", List.of());
        assertNull(versions.snapshot("env_a", List.of("orders")));
        versions.endWrite("env_a", List.of());
        assertNotEquals(before, versions.snapshot("env_a", List.of("orders")));
    }

    @Test
    void invalidationMovesVersions() {
        TableVersions.Snapshot before = versions.snapshot("env_a", List.of("orders"));
        versions.invalidateEnvironment("env_a");
        TableVersions.Snapshot middle = versions.snapshot("env_a", List.of("orders"));
        assertNotEquals(before, middle);
        versions.invalidateAll();
        assertNotEquals(middle, versions.snapshot("env_a", List.of("orders")));
    }

    @Test
    void beyondTheTrackedBoundANewGenerationStartsAndOpenWritesStayOpen() {
        TableVersions small = new TableVersions(3);
        small.beginWrite("env_a", List.of("held"));
        TableVersions.Snapshot before = small.snapshot("env_a", List.of("orders"));
        for (int i = 0; i < 5; i++) {
            small.beginWrite("env_a", List.of("t" + i));
            small.endWrite("env_a", List.of("t" + i));
        }
        assertNotEquals(before.generation(), small.snapshot("env_a", List.of("orders")).generation());
        assertNull(small.snapshot("env_a", List.of("held")), "still in flight");
        small.endWrite("env_a", List.of("held"));
        assertNotNull(small.snapshot("env_a", List.of("held")));
    }
}

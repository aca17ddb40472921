package io.hatidata.resultcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheKeyTest {
    private static final TableVersions.Snapshot V = new TableVersions.Snapshot(0, 1, List.of(2L));

    private static CacheKey key(String... parts) {
        return new CacheKey(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6], parts[7], parts[8],
                parts[9], List.of(), V);
    }

    @Test
    void everyPartOfTheKeyMatters() {
        String[] base = {"org_a", "env_a", "usr_a", "alice", "key_a", "analyst", "agent-1", "langchain", "pol_1@5|", "SELECT 1"};
        assertEquals(key(base), key(base.clone()));
        for (int i = 0; i < base.length; i++) {
            String[] changed = base.clone();
            changed[i] = changed[i] + "x";
            assertNotEquals(key(base), key(changed), "part " + i);
        }
        CacheKey other = new CacheKey("org_a", "env_a", "usr_a", "alice", "key_a", "analyst", "", "", "none", "q",
                List.of(), new TableVersions.Snapshot(0, 1, List.of(3L)));
        assertNotEquals(new CacheKey("org_a", "env_a", "usr_a", "alice", "key_a", "analyst", "", "", "none", "q",
                List.of(), V), other, "table versions");
    }

    @Test
    void parametersCompareByTypeAndValueAndBytesByContent() {
        CacheKey bytes = withParameters(Arrays.asList(new byte[] {1, 2}, null, 1L));
        assertEquals(bytes, withParameters(Arrays.asList(new byte[] {1, 2}, null, 1L)));
        assertNotEquals(bytes, withParameters(Arrays.asList(new byte[] {1, 3}, null, 1L)));
        assertNotEquals(withParameters(List.of(1L)), withParameters(List.of(1)));
        assertNotEquals(withParameters(List.of(1L)), withParameters(List.of("1")));
        assertNotEquals(withParameters(List.of()), withParameters(List.of(1L)));
    }

    private static CacheKey withParameters(List<Object> parameters) {
        return new CacheKey("org_a", "env_a", "usr_a", "alice", "", "analyst", "", "", "none", "SELECT $1", parameters, V);
    }
}

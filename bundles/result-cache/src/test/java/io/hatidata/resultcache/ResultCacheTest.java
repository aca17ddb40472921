package io.hatidata.resultcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.hatidata.api.query.Column;
import io.hatidata.api.query.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ResultCacheTest {
    private final AtomicLong now = new AtomicLong(1_000);

    static CacheKey key(String sql) {
        return new CacheKey("org_a", "env_a", "usr_a", "alice", "key_a", "analyst", "", "", "none", sql, List.of(),
                new TableVersions.Snapshot(0, 0, List.of(0L)));
    }

    static CachedResult result(int rows, long bytes) {
        List<Object[]> list = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            list.add(new Object[] {i});
        }
        return new CachedResult(List.of(new Column("a", ColumnType.INT4)), list, "SELECT " + rows, bytes);
    }

    @Test
    void theLeastRecentlyUsedEntryLeavesBeyondMaxEntries() {
        ResultCache cache = new ResultCache(2, 1 << 20, 1_000_000, now::get);
        cache.put(key("a"), result(1, 100));
        cache.put(key("b"), result(1, 100));
        assertNotNull(cache.get(key("a")), "a is now the most recently used");
        cache.put(key("c"), result(1, 100));
        assertNull(cache.get(key("b")));
        assertNotNull(cache.get(key("a")));
        assertNotNull(cache.get(key("c")));
        assertEquals(1, cache.stats().evictions());
    }

    @Test
    void theTotalSizeIsBounded() {
        long oneEntry = key("a").bytes() + 1_000;
        ResultCache cache = new ResultCache(100, oneEntry * 2 + 10, 1_000_000, now::get);
        cache.put(key("a"), result(1, 1_000));
        cache.put(key("b"), result(1, 1_000));
        cache.put(key("c"), result(1, 1_000));
        assertEquals(2, cache.stats().entries());
        assertNull(cache.get(key("a")));
        cache.put(key("huge"), result(1, oneEntry * 10));
        assertNull(cache.get(key("huge")), "larger than the whole cache: not kept");
        assertEquals(2, cache.stats().entries());
    }

    @Test
    void anEntryExpiresAfterItsTimeToLive() {
        ResultCache cache = new ResultCache(10, 1 << 20, 300, now::get);
        cache.put(key("a"), result(1, 100));
        now.addAndGet(299);
        assertNotNull(cache.get(key("a")));
        now.addAndGet(1);
        assertNull(cache.get(key("a")));
        assertEquals(0, cache.stats().entries());
        assertEquals(0, cache.stats().bytes());
    }

    @Test
    void entriesCanBeRemovedByKey() {
        ResultCache cache = new ResultCache(10, 1 << 20, 1_000, now::get);
        cache.put(key("a"), result(1, 100));
        cache.put(key("b"), result(1, 100));
        assertEquals(1, cache.removeIf(each -> each.sql().equals("a")));
        assertNull(cache.get(key("a")));
        assertNotNull(cache.get(key("b")));
        cache.clear();
        assertEquals(0, cache.stats().bytes());
    }
}

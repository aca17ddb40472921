package io.hatidata.engine.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class StatementCacheTest {

    @Test
    void onlySingleRowStatementsAreKept() {
        assertTrue(StatementCache.cacheable("SELECT 1"));
        assertTrue(StatementCache.cacheable("  select * from t where id = 5 ;  "));
        assertTrue(StatementCache.cacheable("WITH x AS (SELECT 1) SELECT * FROM x"));
        assertTrue(StatementCache.cacheable("insert into t values ($1)"));
        assertTrue(StatementCache.cacheable("UPDATE t SET a = 1"));
        assertTrue(StatementCache.cacheable("DELETE FROM t"));
        assertFalse(StatementCache.cacheable("INSERT INTO t VALUES (1); SELECT 1"));
        assertFalse(StatementCache.cacheable("SELECT ';'"), "a semicolon anywhere but the end is not looked into");
        assertFalse(StatementCache.cacheable("SET threads = 1"));
        assertFalse(StatementCache.cacheable("PRAGMA version"));
        assertFalse(StatementCache.cacheable("CREATE TABLE t (i INTEGER)"));
        assertFalse(StatementCache.cacheable("BEGIN"));
        assertFalse(StatementCache.cacheable("-- comment\nSELECT 1"));
        assertFalse(StatementCache.cacheable("SELECTED"));
        assertFalse(StatementCache.cacheable(""));
    }

    @Test
    void everyOtherStatementButTransactionControlDropsTheKeptOnes() {
        assertTrue(StatementCache.invalidates("SET search_path = 'b'"));
        assertTrue(StatementCache.invalidates("use memory.a"));
        assertTrue(StatementCache.invalidates("RESET search_path"));
        assertTrue(StatementCache.invalidates("CREATE TABLE t (i INTEGER)"));
        assertTrue(StatementCache.invalidates("SELECT 1; SET search_path = 'b'"));
        assertTrue(StatementCache.invalidates("/* hint */ SELECT 1"));
        assertFalse(StatementCache.invalidates("SELECT * FROM t"));
        assertFalse(StatementCache.invalidates("BEGIN"));
        assertFalse(StatementCache.invalidates("commit;"));
        assertFalse(StatementCache.invalidates("ROLLBACK"));
    }

    @Test
    void aTextIsAdmittedTheSecondTimeAndTheLeastRecentlyUsedIsClosed() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            StatementCache cache = new StatementCache(2);
            assertFalse(cache.admit("SELECT 1"), "first sighting");
            assertTrue(cache.admit("SELECT 1"), "second sighting");
            PreparedStatement one = connection.prepareStatement("SELECT 1");
            cache.keep("SELECT 1", one);
            assertSame(one, cache.get("SELECT 1"));
            assertFalse(cache.admit("SELECT 2"));
            assertFalse(cache.admit("SELECT 3")); // SELECT 1 is the eldest
            assertNull(cache.get("SELECT 1"));
            assertTrue(one.isClosed());
            assertEquals(2, cache.size());
            PreparedStatement three = connection.prepareStatement("SELECT 3");
            cache.keep("SELECT 3", three);
            cache.evict("SELECT 3");
            assertTrue(three.isClosed());
            cache.clear();
            assertEquals(0, cache.size());
        }
    }
}

package io.hatidata.engine.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CommandTagsTest {

    @Test
    void namesStatementsLikePostgres() {
        assertEquals("INSERT 0 3", CommandTags.forUpdate("insert into t values (1)", 3));
        assertEquals("UPDATE 0", CommandTags.forUpdate("UPDATE t SET a = 1", 0));
        assertEquals("DELETE 2", CommandTags.forUpdate("  -- comment\n DELETE FROM t", 2));
        assertEquals("CREATE TABLE", CommandTags.forUpdate("/* c */ CREATE OR REPLACE TEMP TABLE t (i INT)", -1));
        assertEquals("CREATE TABLE", CommandTags.forUpdate("create table if not exists t (i int)", -1));
        assertEquals("DROP VIEW", CommandTags.forUpdate("DROP VIEW IF EXISTS v", -1));
        assertEquals("CREATE INDEX", CommandTags.forUpdate("CREATE UNIQUE INDEX i ON t (a)", -1));
        assertEquals("BEGIN", CommandTags.forUpdate("START TRANSACTION", -1));
        assertEquals("COMMIT", CommandTags.forUpdate("end", -1));
        assertEquals("ROLLBACK", CommandTags.forUpdate("ROLLBACK", -1));
        assertEquals("SET", CommandTags.forUpdate("SET search_path = 'main'", -1));
        assertEquals("SELECT 5", CommandTags.forRows(5));
    }
}

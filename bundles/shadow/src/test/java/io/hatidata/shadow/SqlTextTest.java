package io.hatidata.shadow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTextTest {
    @Test
    void classifiesStatements() {
        assertTrue(SqlText.reads("  select 1"));
        assertTrue(SqlText.reads("(SELECT 1) UNION (SELECT 2)"));
        assertTrue(SqlText.reads("SELECT 'insert into x' AS text"));
        assertFalse(SqlText.reads("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d"));
        assertFalse(SqlText.reads("INSERT INTO t VALUES (1)"));
        assertTrue(SqlText.sessionCommand("BEGIN"));
        assertTrue(SqlText.sessionCommand("set search_path = x"));
        assertFalse(SqlText.sessionCommand("SELECT 1"));
    }

    @Test
    void findsOrderByOutsideLiteralsAndComments() {
        assertTrue(SqlText.ordered("SELECT * FROM t ORDER\n BY 1"));
        assertFalse(SqlText.ordered("SELECT 'order by' FROM t -- order by\n"));
        assertFalse(SqlText.ordered("SELECT \"order by\" FROM t /* order by */"));
    }

    @Test
    void turnsDollarMarkersIntoJdbcMarkers() {
        SqlText.Jdbc jdbc = SqlText.jdbc("SELECT $2, '$1', x FROM t WHERE a = $1 AND b ? 'k'");
        assertEquals("SELECT ?, '$1', x FROM t WHERE a = ? AND b ?? 'k'", jdbc.sql());
        assertEquals(List.of(2, 1), jdbc.markers());
    }

    @Test
    void rebuildsCommandTags() {
        assertEquals("INSERT 0 3", ShadowStage.tag("insert into t values (1),(2),(3)", 3));
        assertEquals("SELECT 2", ShadowStage.tag("(select 1) union (select 2)", 2));
        assertEquals("CREATE TABLE", ShadowStage.tag("create temp table t (a int)", 0));
        assertEquals("CREATE VIEW", ShadowStage.tag("CREATE OR REPLACE VIEW v AS SELECT 1", 0));
        assertEquals("UPDATE 4", ShadowStage.tag("UPDATE t SET a = 1", 4));
        assertEquals("BEGIN", ShadowStage.tag("begin", 0));
    }
}

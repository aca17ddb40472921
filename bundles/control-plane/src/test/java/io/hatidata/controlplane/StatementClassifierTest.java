package io.hatidata.controlplane;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatementClassifierTest {
    @Test
    void readsAreReads() {
        assertFalse(StatementClassifier.writes("SELECT * FROM orders WHERE note = 'please delete me'"));
        assertFalse(StatementClassifier.writes("with t as (select 1) select * from t"));
        assertFalse(StatementClassifier.writes("SELECT \"update\" FROM t -- drop table t\n"));
        assertFalse(StatementClassifier.writes("/* insert */ SHOW TABLES"));
        assertFalse(StatementClassifier.writes("SET application_name = 'x'"));
        assertFalse(StatementClassifier.writes("SELECT created_at, updated FROM t"));
    }

    @Test
    void writesAreWrites() {
        assertTrue(StatementClassifier.writes("INSERT INTO orders VALUES (1)"));
        assertTrue(StatementClassifier.writes("  update orders set x = 1"));
        assertTrue(StatementClassifier.writes("SELECT 1; DROP TABLE orders"));
        assertTrue(StatementClassifier.writes("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d"));
        assertTrue(StatementClassifier.writes("create table x (i int)"));
        assertTrue(StatementClassifier.writes("COPY t TO 'file.csv'"));
        assertTrue(StatementClassifier.writes("SELECT 'it''s' ; ATTACH 'x.db'"));
        assertTrue(StatementClassifier.writes("PRAGMA enable_profiling"));
        assertTrue(StatementClassifier.changesSchema("create table x (i int)"));
        assertTrue(StatementClassifier.writes("SELECT $q$ it's $q$; DELETE FROM t"));
    }

    /** Text DuckDB reads as code must be read as code here, whatever another lexer would make of it. */
    @Test
    void wordsHiddenFromAWrongLexerAreFound() {
        assertTrue(StatementClassifier.writes("--\rDROP TABLE orders"), "a carriage return ends a -- comment");
        assertTrue(StatementClassifier.changesSchema("--\rDROP TABLE orders"));
        assertTrue(StatementClassifier.writes("/* /* */ ` */ DROP TABLE orders -- `"), "block comments nest; ` is no quote");
        assertTrue(StatementClassifier.writes("WITH x AS (SELECT E'\\'') DELETE FROM orders --'"),
                "a backslash escapes in E'…' strings");
        assertTrue(StatementClassifier.writes("SELECT '\\' AS a; DELETE FROM orders --'"),
                "a backslash is an ordinary character in '…' strings");
        assertFalse(StatementClassifier.writes("SELECT E'it\\'s an update' AS note"));
        assertTrue(StatementClassifier.writes("DROP\u00a0TABLE orders"), "DuckDB reads a no-break space as a space");
        assertTrue(StatementClassifier.writes("\ufeffDROP TABLE orders"));
        assertFalse(StatementClassifier.writes("SELECT $tag$ DELETE $tag$ AS note"));
        assertFalse(StatementClassifier.changesSchema("INSERT INTO x VALUES (1)"));
    }
}

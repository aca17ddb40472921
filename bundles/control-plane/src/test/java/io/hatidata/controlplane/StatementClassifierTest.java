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
        assertFalse(StatementClassifier.changesSchema("INSERT INTO x VALUES (1)"));
    }
}

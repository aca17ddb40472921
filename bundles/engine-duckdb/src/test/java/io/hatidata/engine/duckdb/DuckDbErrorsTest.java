package io.hatidata.engine.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hatidata.api.query.QueryException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DuckDbErrorsTest {

    @Test
    void unwrapsStreamingErrorsAndDropsTheErrorClass() {
        QueryException translated = DuckDbErrors.translate(new SQLException(
                "Invalid Input Error: Attempting to execute an unsuccessful or closed pending query result\n"
                        + "Error: Catalog Error: Table with name nope does not exist!\nDid you mean \"x\"?\n\n"
                        + "LINE 1: SELECT * FROM nope"));
        assertEquals("42P01", translated.sqlState());
        assertEquals("Table with name nope does not exist!\nDid you mean \"x\"?", translated.getMessage());
    }

    @Test
    void mapsErrorClassesToSqlStates() {
        assertEquals("42601", DuckDbErrors.sqlState("Parser", "syntax error at or near \"SELEC\""));
        assertEquals("42883", DuckDbErrors.sqlState("Catalog", "Scalar Function with name nofn does not exist!"));
        assertEquals("42P07", DuckDbErrors.sqlState("Catalog", "Table with name \"t\" already exists!"));
        assertEquals("23502", DuckDbErrors.sqlState("Constraint", "NOT NULL constraint failed: t.a"));
        assertEquals("25P02", DuckDbErrors.sqlState("TransactionContext", "Current transaction is aborted (please ROLLBACK)"));
        assertEquals("40001", DuckDbErrors.sqlState("TransactionContext", "Transaction conflict on update"));
        assertEquals("57014", DuckDbErrors.sqlState("INTERRUPT", "Interrupted!"));
        assertEquals("0A000", DuckDbErrors.sqlState("Not implemented", "x"));
        assertEquals("XX000", DuckDbErrors.sqlState("", "something odd"));
    }

    @Test
    void syntaxErrorsGetThePositionDuckDbPointsAt() {
        assertEquals(1, DuckDbErrors.position("Parser Error: syntax error at or near \"SELEC\"\n\nLINE 1: SELEC 1\n        ^",
                "SELEC 1"));
        assertEquals(20, DuckDbErrors.position(
                "Parser Error: syntax error at or near \"FROM\"\n\nLINE 2:   2 FROM FROM t\n                 ^",
                "SELECT 1,\n  2 FROM FROM t"));
        String longLine = "SELECT " + "x, ".repeat(60) + " FROM WHERE";
        assertEquals(longLine.indexOf("WHERE") + 1, DuckDbErrors.position("Parser Error: syntax error at or near \"WHERE\"\n\n"
                + "LINE 1: ..., x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x,  FROM WHERE\n"
                + "                                                                         ^", longLine));
        assertEquals(0, DuckDbErrors.position("Catalog Error: Table with name t does not exist!", "SELECT * FROM t"));
        QueryException translated = DuckDbErrors.translate(new SQLException(
                "Parser Error: syntax error at or near \"SELEC\"\n\nLINE 1: SELEC 1\n        ^"), "SELEC 1");
        assertEquals("42601", translated.sqlState());
        assertEquals(1, translated.position());
        assertEquals("syntax error at or near \"SELEC\"", translated.getMessage());
    }
}

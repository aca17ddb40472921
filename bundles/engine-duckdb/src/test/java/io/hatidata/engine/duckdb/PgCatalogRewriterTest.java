package io.hatidata.engine.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The catalog rewrite runs after governance: it must never change which statements DuckDB runs (a helper's
 * security review dropped a comment opener inside OPERATOR(...) and ran a DROP TABLE).
 */
class PgCatalogRewriterTest {

    @Test
    void operatorIsUnwrappedOnlyWhenItHoldsAnOperator() {
        assertEquals("SELECT 1 WHERE c  ~  '^(x)$'",
                PgCatalogRewriter.rewrite("SELECT 1 WHERE c OPERATOR(pg_catalog.~) '^(x)$'"));
        String hidden = "SELECT OPERATOR( /* /* */ ) id, email FROM customers -- */ pg_";
        assertTrue(PgCatalogRewriter.rewrite(hidden).contains("/* /* */ ) id, email FROM customers -- */"),
                PgCatalogRewriter.rewrite(hidden));
        String carriageReturn = "SELECT 1 AS pg_x, OPERATOR( --\r'\n) 2; DELETE FROM orders; -- '";
        assertTrue(PgCatalogRewriter.rewrite(carriageReturn).contains("--\r'"), PgCatalogRewriter.rewrite(carriageReturn));
    }

    @Test
    void severalStatementsAreToldByDuckDbsLexing() {
        assertTrue(DuckDbSession.severalStatements("SELECT 1; DROP TABLE other"));
        assertFalse(DuckDbSession.severalStatements("SELECT 1; -- done\n"));
        assertFalse(DuckDbSession.severalStatements("SELECT '1; 2' /* ; x */ -- ; y"));
        assertTrue(DuckDbSession.severalStatements("SELECT 1 /* /* */ */; DROP TABLE t"));
    }
}

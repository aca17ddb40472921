package io.hatidata.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.sql.StatementAnalysis;
import org.junit.jupiter.api.Test;

/** The cache in front of the transpiler. */
class CalciteSqlAnalyzerTest {

    @Test
    void cachesByTextWithNormalizedSpaces() throws QueryException {
        CalciteSqlAnalyzer analyzer = new CalciteSqlAnalyzer(100);
        StatementAnalysis first = analyzer.analyze("SELECT NVL(a, 1) FROM t");
        StatementAnalysis second = analyzer.analyze("SELECT  NVL(a, 1)\n  FROM t -- again");
        assertEquals(1, analyzer.cacheSize());
        assertEquals(first.engineSql(), second.engineSql());
        assertEquals("SELECT  NVL(a, 1)\n  FROM t -- again", second.sql());
    }

    @Test
    void keepsTheCaseOfNamesInTheKey() throws QueryException {
        CalciteSqlAnalyzer analyzer = new CalciteSqlAnalyzer(100);
        analyzer.analyze("SELECT NVL(Amount, 1) FROM t");
        assertEquals("SELECT COALESCE(amount, 1) FROM t", analyzer.analyze("SELECT NVL(amount, 1) FROM t").engineSql());
        assertEquals(2, analyzer.cacheSize());
    }

    @Test
    void passThroughHitsReturnTheCallersOwnText() throws QueryException {
        CalciteSqlAnalyzer analyzer = new CalciteSqlAnalyzer(100);
        analyzer.analyze("SELECT a FROM t");
        assertEquals("select  a FROM t".replace("select", "SELECT"), analyzer.analyze("SELECT  a FROM t").engineSql());
    }

    @Test
    void isBounded() throws QueryException {
        CalciteSqlAnalyzer analyzer = new CalciteSqlAnalyzer(3);
        for (int i = 0; i < 10; i++) {
            analyzer.analyze("SELECT " + i);
        }
        assertEquals(3, analyzer.cacheSize());
    }

    @Test
    void transpilesStrictlyFromTheCache() throws QueryException {
        CalciteSqlAnalyzer analyzer = new CalciteSqlAnalyzer(10);
        String sql = analyzer.transpile("SELECT IFF(a, 1, 2) FROM t");
        assertSame(sql.getClass(), String.class);
        assertEquals("SELECT CASE WHEN a THEN 1 ELSE 2 END FROM t", sql);
    }

    @Test
    void theWarmUpStatementIsTranslated() throws QueryException {
        StatementAnalysis analysis = new CalciteSqlAnalyzer(0).analyze(CalciteSqlAnalyzer.WARM_UP);
        org.junit.jupiter.api.Assertions.assertTrue(analysis.analyzed() && analysis.transpiled(), analysis.engineSql());
    }
}

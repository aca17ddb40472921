package io.hatidata.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.hatidata.api.query.QueryException;
import org.junit.jupiter.api.Test;

/** Token-level rewrites of {@link SnowflakePreprocessor}. */
class SnowflakePreprocessorTest {

    private static String rewrite(String sql) throws QueryException {
        return SnowflakePreprocessor.rewrite(sql).text();
    }

    @Test
    void colonAndBracketPaths() throws QueryException {
        assertEquals("SELECT CAST(GET_PATH(col, 'a.b[0]') AS string) FROM t", rewrite("SELECT col:a.b[0]::string FROM t"));
        assertEquals("SELECT GET_PATH(t.col, 'a.c') FROM t", rewrite("SELECT t.col:a:c FROM t"));
        assertEquals("SELECT GET_PATH(parse_json(x), 'k') FROM t", rewrite("SELECT parse_json(x):k FROM t"));
        assertEquals("SELECT GET_PATH(v, '[\"k\"][1]')", rewrite("SELECT v['k'][1]"));
        assertEquals("SELECT GET_PATH(v, '\"a b\".c')", rewrite("SELECT v:\"a b\".c"));
    }

    @Test
    void leavesStringsCommentsAndParametersAlone() throws QueryException {
        String sql = "SELECT 'x:y', \"a:b\", c /* d:e */ -- f:g\n FROM t WHERE h = $1";
        SnowflakePreprocessor.Result result = SnowflakePreprocessor.rewrite(sql);
        // comments reach Calcite as blanks of their length (Calcite lexes comments differently from DuckDB)
        assertEquals(sql.replace("/* d:e */", " ".repeat(9)).replace("-- f:g", " ".repeat(6)), result.text());
        assertEquals(sql.length(), result.text().length());
        assertFalse(result.changed(), "DuckDB still gets the client's text");
    }

    @Test
    void castsBindTighterThanOperatorsAsInPostgresql() throws QueryException {
        assertEquals("SELECT a + CAST(b AS int), CAST(CAST(f(x) AS varchar) AS int), CAST((a + b) AS text)",
                rewrite("SELECT a + b::int, f(x)::varchar::int, (a + b)::text"));
        assertEquals("SELECT CAST($1 AS double precision), CAST('1' AS int[])",
                rewrite("SELECT $1::double precision, '1'::int[]"));
    }

    @Test
    void keywordsBeforeAColonAreNoOperand() throws QueryException {
        assertEquals("SELECT CASE WHEN a THEN :b END", rewrite("SELECT CASE WHEN a THEN :b END"));
    }

    @Test
    void literals() throws QueryException {
        assertEquals("SELECT ARRAY_CONSTRUCT(1, ARRAY_CONSTRUCT(2))", rewrite("SELECT [1, [2]]"));
        assertEquals("SELECT OBJECT_CONSTRUCT('a', 1, 'b', ARRAY_CONSTRUCT())", rewrite("SELECT {'a': 1, 'b': []}"));
        assertEquals("SELECT 'it''s'", rewrite("SELECT $$it's$$"));
        assertEquals("SELECT 'a\tb'", rewrite("SELECT 'a\\tb'"));
    }

    @Test
    void topGroupByAllFlattenIntervalAndTypes() throws QueryException {
        assertEquals("SELECT /*+ HD_TOP(5) */ DISTINCT  a FROM t", rewrite("SELECT DISTINCT TOP 5 a FROM t"));
        assertEquals("SELECT a FROM t GROUP BY \"$hd_group_by_all\" ORDER BY 1",
                rewrite("SELECT a FROM t GROUP BY ALL ORDER BY 1"));
        assertEquals("SELECT * FROM t, LATERAL TABLE(FLATTEN(input => t.a))",
                rewrite("SELECT * FROM t, LATERAL FLATTEN(input => t.a)"));
        assertEquals("SELECT d + HD_INTERVAL('1 day'), INTERVAL '2' HOUR",
                rewrite("SELECT d + INTERVAL '1 day', INTERVAL '2' HOUR"));
        assertEquals("SELECT CAST(x AS DECIMAL(10, 2)), CAST(y AS TIMESTAMP_NTZ)",
                rewrite("SELECT x::NUMBER(10, 2), CAST(y AS TIMESTAMP_NTZ(9))"));
        assertEquals("SELECT a FROM t EXCEPT SELECT a FROM u", rewrite("SELECT a FROM t MINUS SELECT a FROM u"));
    }
}

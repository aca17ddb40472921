package io.hatidata.resultcache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTextTest {

    @Test
    void whiteSpaceAndCommentsOutsideLiteralsAreNormalized() {
        assertEquals("SELECT a, 'x  y' FROM t WHERE \"c  d\" = 1",
                SqlText.scan("  SELECT a,\n\t'x  y' -- note\n FROM /* a /* nested */ comment */ t WHERE \"c  d\" = 1 ;; ").normalized());
        assertEquals(SqlText.scan("select * from t").normalized(), SqlText.scan("select *\n  from t;").normalized());
        // DuckDB ends a -- comment at a carriage return: what follows is part of the statement (and the key)
        org.junit.jupiter.api.Assertions.assertNotEquals(SqlText.scan("SELECT id FROM t --\r WHERE id = 1").normalized(),
                SqlText.scan("SELECT id FROM t --\r WHERE id = 2").normalized());
    }

    @Test
    void wordsInLiteralsQuotedIdentifiersAndCommentsAreNotWords() {
        SqlText text = SqlText.scan("SELECT 'now()', E'it\\'s random()', $$ uuid() $$, $q$ now() $q$, \"random\"(x) -- now()\n FROM t");
        assertEquals(List.of(new SqlText.Word("select", false), new SqlText.Word("x", false), new SqlText.Word("from", false),
                new SqlText.Word("t", false)), text.words());
    }

    @Test
    void aWordFollowedByAParenthesisIsACall() {
        SqlText text = SqlText.scan("SELECT upper (name), main.now() FROM t WHERE id = $1");
        assertEquals(List.of(new SqlText.Word("select", false), new SqlText.Word("upper", true),
                new SqlText.Word("name", false), new SqlText.Word("main", false), new SqlText.Word("now", true),
                new SqlText.Word("from", false), new SqlText.Word("t", false), new SqlText.Word("where", false),
                new SqlText.Word("id", false)), text.words());
        assertEquals("select", text.firstWord());
    }
}

package io.hatidata.sql.parse;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hatidata.api.query.QueryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AmbiguousTextTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 1",
        "SELECT 1;",
        "SELECT 1 ;  -- done",
        "SELECT 'a; b', \"c;d\", $$e;f$$ FROM t",
        "SELECT 4 / 2, 'http://example.com' /* a // b */ -- c // d",
        "SELECT E'it\\'s; // fine'",
    })
    void oneStatementWithoutSlashSlashPasses(String sql) {
        assertDoesNotThrow(() -> AmbiguousText.refuse(sql));
    }

    @Test
    void severalStatementsAreRefusedAtTheSecond() {
        QueryException refused = assertThrows(QueryException.class, () -> AmbiguousText.refuse("SELECT 1; DELETE FROM orders"));
        assertEquals("42601", refused.sqlState());
        assertEquals(11, refused.position());
        assertEquals("42601", assertThrows(QueryException.class,
                () -> AmbiguousText.refuse("SELECT '\\'; DELETE FROM orders --'")).sqlState(),
                "a backslash does not escape the quote: the semicolon is outside the literal");
    }

    @Test
    void unicodeSpacesOutsideLiteralsAreRefused() {
        for (String sql : new String[] {"DROP\u00a0TABLE orders", "\ufeffDROP TABLE orders", "DELETE\u3000FROM orders",
            "SELECT email FROM\u00a0customers"}) {
            assertEquals("42601", assertThrows(QueryException.class, () -> AmbiguousText.refuse(sql)).sqlState(), sql);
        }
        assertDoesNotThrow(() -> AmbiguousText.refuse("SELECT 'caf\u00e9\u00a0noir' AS \"x\u00a0y\" -- \u00a0"));
    }

    @Test
    void charactersTheLexersClassDifferentlyAreRefused() {
        for (String sql : new String[] {"SELECT $\u00d7$ -- $\u00d7$, email FROM customers",
            "SELECT email AS \u00d7$a$ FROM customers", "SELECT 1 AS x\u0300", "SELECT \u0663",
            "SELECT 1\u000bFROM t", "SELECT 1\u2028FROM t", "DELETE FROM customers --\u0000\nWHERE true"}) {
            assertEquals("42601", assertThrows(QueryException.class, () -> AmbiguousText.refuse(sql)).sqlState(), sql);
        }
        assertDoesNotThrow(() -> AmbiguousText.refuse("SELECT caf\u00e9, '\u00d7' FROM \u00fcber"));
    }

    @Test
    void aDollarTagIsOneLiteral() {
        assertDoesNotThrow(() -> AmbiguousText.refuse("SELECT $body$ a; b // c $body$"));
    }

    @Test
    void slashSlashIsRefusedWhereDuckDbReadsIntegerDivision() {
        QueryException refused = assertThrows(QueryException.class,
                () -> AmbiguousText.refuse("SELECT 1 // 1, email FROM customers"));
        assertEquals("42601", refused.sqlState());
        assertEquals(10, refused.position());
    }
}

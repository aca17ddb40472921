package io.hatidata.api.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SqlRedactionTest {

    private static void redacts(String sql, String expected) {
        assertEquals(expected, SqlRedaction.redact(sql));
    }

    @Test
    void stringsAndNumbers() {
        redacts("SELECT * FROM users WHERE email = 'a@b.com' AND age > 42",
                "SELECT * FROM users WHERE email = '[REDACTED]' AND age > '[REDACTED]'");
        redacts("SELECT 1.5e-3, .5, 0x1F", "SELECT '[REDACTED]', '[REDACTED]', '[REDACTED]'");
    }

    @Test
    void doubledQuotesAndBackslashEscapes() {
        redacts("SELECT 'it''s', E'a\\'b', 'c'", "SELECT '[REDACTED]', E'[REDACTED]', '[REDACTED]'");
    }

    @Test
    void namesWithDigitsQuotedIdentifiersAndParametersStay() {
        redacts("SELECT t1.col_2, \"Weird 'name' 3\" FROM s3.t1 WHERE x = $1 AND y = $2",
                "SELECT t1.col_2, \"Weird 'name' 3\" FROM s3.t1 WHERE x = $1 AND y = $2");
    }

    @Test
    void dollarQuotes() {
        redacts("SELECT $$secret ' text$$, $tag$more $$ inside$tag$ FROM t",
                "SELECT '[REDACTED]', '[REDACTED]' FROM t");
    }

    @Test
    void commentsAreRedactedAndTheirQuotesDoNotConfuse() {
        redacts("SELECT a -- ssn 123-45-6789 'x\nFROM t /* card 4111 ' */ WHERE b = 'y'",
                "SELECT a -- [REDACTED]\nFROM t /* [REDACTED] */ WHERE b = '[REDACTED]'");
    }

    @Test
    void unterminatedLiteralIsRedactedToTheEnd() {
        redacts("SELECT 'never closed FROM t", "SELECT '[REDACTED]'");
        redacts("SELECT $$open", "SELECT '[REDACTED]'");
    }

    @Test
    void prefixedStringsKeepTheirPrefix() {
        redacts("SELECT X'DEADBEEF', N'name'", "SELECT X'[REDACTED]', N'[REDACTED]'");
    }
}

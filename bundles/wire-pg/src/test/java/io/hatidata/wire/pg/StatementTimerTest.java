package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatementTimerTest {

    @Test
    void readsPostgresDurations() {
        assertEquals(0, StatementTimer.millis("0"));
        assertEquals(250, StatementTimer.millis("250"));
        assertEquals(300, StatementTimer.millis("300ms"));
        assertEquals(5000, StatementTimer.millis("5s"));
        assertEquals(120_000, StatementTimer.millis("2 min"));
        assertEquals(3_600_000, StatementTimer.millis("1h"));
        assertEquals(0, StatementTimer.millis("soon"));
    }

    @Test
    void validatesWhatSetAccepts() {
        assertTrue(StatementTimer.isValid("10s"));
        assertFalse(StatementTimer.isValid("-1"));
        assertFalse(StatementTimer.isValid("ten seconds"));
    }
}

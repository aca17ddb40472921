package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PgSettingsTest {

    @Test
    void databaseNamesAreCommaSeparatedAndTrimmed() {
        assertEquals(Set.of("hatidata", "main"), PgSettings.parseNames("hatidata,main"));
        assertEquals(Set.of("a", "b"), PgSettings.parseNames(" a , ,b,"));
        assertEquals(Set.of(), PgSettings.parseNames(""));
    }

    @Test
    void invalidLimitsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new PgSettings(70000, "127.0.0.1", Set.of(), 1, 1, 1, 1, 0, 60));
        assertThrows(IllegalArgumentException.class,
                () -> new PgSettings(5439, "127.0.0.1", Set.of(), 0, 1, 1, 1, 0, 60));
        assertThrows(IllegalArgumentException.class,
                () -> new PgSettings(5439, "127.0.0.1", Set.of(), 1, 1, 1, 1, -1, 60));
        assertThrows(IllegalArgumentException.class, () -> new PgSettings(5439, "127.0.0.1", Set.of(), 1, 1, 1,
                StatementExecutor.MAX_THREADS + 1, 0, 60));
    }

    @Test
    void addressComparison() {
        PgSettings a = TestConnections.settings(5);
        PgSettings b = new PgSettings(1234, "127.0.0.1", Set.of(), 5, 10, 10, 1, 1, 1);
        assertEquals(false, a.sameAddress(b));
        assertEquals(true, a.sameAddress(b.withAddressOf(a)));
    }
}

package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class PgIntervalTest {

    @Test
    void readsThePostgresOutputStyle() {
        assertEquals(new PgInterval(14, 3, 14_706_789_000L), PgInterval.parse("1 year 2 mons 3 days 04:05:06.789"));
        assertEquals(new PgInterval(0, -1, -3_600_000_000L), PgInterval.parse("-1 day -01:00:00"));
        assertEquals(new PgInterval(-63, 0, 0), PgInterval.parse("-5 years -3 mons"));
        assertEquals(new PgInterval(0, 0, 360_000_000_000L), PgInterval.parse("100:00:00"));
        assertEquals(new PgInterval(0, 0, 1), PgInterval.parse("00:00:00.000001"));
        assertEquals(new PgInterval(0, 0, 0), PgInterval.parse("00:00:00"));
        assertEquals(new PgInterval(1, 1, 0), PgInterval.parse("1 month 1 day"), "DuckDB's spelling too");
        assertThrows(IllegalArgumentException.class, () -> PgInterval.parse("1 fortnight"));
    }

    @Test
    void binaryRoundTripsAndBecomesTextTheEngineReads() {
        PgInterval interval = new PgInterval(-14, 3, 86_400_000_001L);
        ByteBuf out = Unpooled.buffer();
        interval.write(out);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        out.release();
        assertEquals(16, bytes.length);
        assertEquals(interval, PgInterval.read(ByteBuffer.wrap(bytes)));
        assertEquals("-14 months 3 days 86400000001 microseconds", interval.engineText());
    }
}

package io.hatidata.resultcache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.query.Column;
import io.hatidata.api.query.ColumnType;
import io.hatidata.api.query.ResultSink;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapturingSinkTest {

    /** Keeps everything it gets. */
    static final class Recording implements ResultSink {
        List<Column> columns;
        final List<Object[]> rows = new ArrayList<>();
        String tag;

        @Override
        public void columns(List<Column> newColumns) {
            columns = newColumns;
        }

        @Override
        public void row(Object[] values) {
            rows.add(values);
        }

        @Override
        public void complete(String commandTag) {
            tag = commandTag;
        }
    }

    @Test
    void aResultWithinTheBoundsIsKeptAsACopyAndStreamed() throws Exception {
        Recording client = new Recording();
        CapturingSink sink = new CapturingSink(client, 10, 1 << 20);
        byte[] bytes = {1, 2};
        sink.columns(List.of(new Column("b", ColumnType.BYTEA)));
        sink.row(new Object[] {bytes});
        sink.complete("SELECT 1");
        assertEquals(1, client.rows.size());
        CachedResult result = sink.result();
        assertNotNull(result);
        bytes[0] = 9;
        Recording replayed = new Recording();
        result.replay(replayed);
        assertArrayEquals(new byte[] {1, 2}, (byte[]) replayed.rows.get(0)[0], "the cached copy did not change");
        ((byte[]) replayed.rows.get(0)[0])[1] = 7;
        Recording again = new Recording();
        result.replay(again);
        assertArrayEquals(new byte[] {1, 2}, (byte[]) again.rows.get(0)[0], "a consumer cannot change it either");
        assertNotSame(replayed.rows.get(0), again.rows.get(0));
        assertEquals("SELECT 1", again.tag);
        assertEquals(List.of(new Column("b", ColumnType.BYTEA)), again.columns);
    }

    @Test
    void moreRowsThanTheBoundAreStreamedButNotKept() throws Exception {
        Recording client = new Recording();
        CapturingSink sink = new CapturingSink(client, 3, 1 << 20);
        sink.columns(List.of(new Column("a", ColumnType.INT4)));
        for (int i = 0; i < 5; i++) {
            sink.row(new Object[] {i});
        }
        sink.complete("SELECT 5");
        assertEquals(5, client.rows.size());
        assertTrue(sink.overflowed());
        assertNull(sink.result());
    }

    @Test
    void moreBytesThanTheBoundAreStreamedButNotKept() throws Exception {
        Recording client = new Recording();
        CapturingSink sink = new CapturingSink(client, 1_000, 1_000);
        sink.columns(List.of(new Column("a", ColumnType.TEXT)));
        sink.row(new Object[] {"x".repeat(300)});
        assertNotNull(sink);
        sink.row(new Object[] {"x".repeat(300)});
        sink.complete("SELECT 2");
        assertEquals(2, client.rows.size());
        assertNull(sink.result());
    }

    @Test
    void aResultThatDidNotCompleteIsNotKept() throws Exception {
        CapturingSink sink = new CapturingSink(new Recording(), 10, 1 << 20);
        sink.columns(List.of(new Column("a", ColumnType.INT4)));
        sink.row(new Object[] {1});
        assertNull(sink.result());
    }
}

package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hatidata.api.query.QueryException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyFormatTest {
    private final CopyFormat csv = new CopyFormat(true, ',', "", false, '"', '"');

    @Test
    void textEscapesRoundTrip() throws Exception {
        String[] values = {"a\tb", "line\nbreak", null, "back\\slash", ""};
        String line = CopyFormat.TEXT.encodeRow(values);
        assertEquals("a\\tb\tline\\nbreak\t\\N\tback\\\\slash\t", line);
        assertEquals(Arrays.asList(values), CopyFormat.TEXT.decodeRow(line));
        assertEquals(Arrays.asList("A", "\n", "\\N"), CopyFormat.TEXT.decodeRow("\\x41\t\\012\t\\\\N"));
    }

    @Test
    void csvQuotesOnlyWhatNeedsIt() throws Exception {
        String[] values = {"plain", "with,comma", "with \"quote\"", null, "", "multi\nline"};
        String line = csv.encodeRow(values);
        assertEquals("plain,\"with,comma\",\"with \"\"quote\"\"\",,\"\",\"multi\nline\"", line);
        assertEquals(Arrays.asList(values), csv.decodeRow(line));
    }

    @Test
    void malformedCsvIs22P04() {
        assertEquals("22P04", assertThrows(QueryException.class, () -> csv.decodeRow("\"open")).sqlState());
        assertEquals("22P04", assertThrows(QueryException.class, () -> csv.decodeRow("\"a\"b")).sqlState());
    }

    @Test
    void rowsSpanCopyDataMessagesAndQuotedLineBreaks() throws Exception {
        CopyInRows rows = new CopyInRows(new CopyFormat(true, ',', "", true, '"', '"'), 2);
        assertEquals(List.of(), rows.feed("id,name\n1,\"two".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(List.of("1", "two \nlines")), rows.feed(" \nlines\"\r\n2,x".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(List.of("2", "x")), rows.finish());
    }

    @Test
    void textEndMarkerStopsTheData() throws Exception {
        CopyInRows rows = new CopyInRows(CopyFormat.TEXT, 2);
        assertEquals(List.of(List.of("1", "a")), rows.feed("1\ta\n\\.\n2\tb\n".getBytes(StandardCharsets.UTF_8)));
    }
}

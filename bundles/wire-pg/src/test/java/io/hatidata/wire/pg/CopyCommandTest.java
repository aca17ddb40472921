package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.query.QueryException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyCommandTest {
    @Test
    void parsesCopyFromStdinWithColumnsAndOptions() throws Exception {
        CopyCommand copy = CopyCommand.parse("COPY public.\"Orders\" (id, \"Amount\") FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ';')").orElseThrow();
        assertTrue(copy.in());
        assertEquals("public.\"Orders\"", copy.table());
        assertEquals(List.of("id", "\"Amount\""), copy.columns());
        assertEquals(new CopyFormat(true, ';', "", true, '"', '"'), copy.format());
        assertEquals("INSERT INTO public.\"Orders\" (id, \"Amount\") VALUES ($1, $2), ($3, $4)", copy.insertStatement(2, 2));
    }

    @Test
    void parsesCopyToStdoutOfATableOrAQuery() throws Exception {
        CopyCommand table = CopyCommand.parse("copy t to stdout").orElseThrow();
        assertFalse(table.in());
        assertEquals("SELECT * FROM t", table.selectStatement());
        assertEquals(CopyFormat.TEXT, table.format());
        CopyCommand query = CopyCommand.parse("COPY (SELECT a, ')' FROM t WHERE (a > 1)) TO STDOUT CSV HEADER;").orElseThrow();
        assertEquals("SELECT a, ')' FROM t WHERE (a > 1)", query.selectStatement());
        assertTrue(query.format().csv());
        assertTrue(query.format().header());
        assertEquals("SELECT a, b FROM t", CopyCommand.parse("COPY t (a, b) TO STDOUT").orElseThrow().selectStatement());
    }

    @Test
    void leavesOtherStatementsAndServerFilesToTheEngine() throws Exception {
        assertTrue(CopyCommand.parse("SELECT 1").isEmpty());
        assertTrue(CopyCommand.parse("COPY t FROM '/etc/passwd'").isEmpty());
        assertTrue(CopyCommand.parse("COPY t TO '/tmp/x.csv' (FORMAT csv)").isEmpty());
    }

    @Test
    void refusesBinaryAndUnknownOptions() {
        assertEquals("0A000", assertThrows(QueryException.class,
                () -> CopyCommand.parse("COPY t FROM STDIN (FORMAT binary)")).sqlState());
        assertEquals("0A000", assertThrows(QueryException.class,
                () -> CopyCommand.parse("COPY t FROM STDIN (OIDS true)")).sqlState());
        assertEquals("42601", assertThrows(QueryException.class,
                () -> CopyCommand.parse("COPY (SELECT 1) FROM STDIN")).sqlState());
    }
}

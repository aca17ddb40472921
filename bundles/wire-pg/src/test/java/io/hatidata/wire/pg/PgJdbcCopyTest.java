package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** pgjdbc's CopyManager against the real server: COPY FROM STDIN becomes batched INSERTs, COPY TO STDOUT streams. */
class PgJdbcCopyTest extends PgJdbcServerTestSupport {
    @Test
    void copyInInsertsInBatchesInsideOneTransaction() throws Exception {
        StringBuilder csv = new StringBuilder("id,name\n");
        for (int i = 0; i < 2500; i++) {
            csv.append(i).append(",\"name, ").append(i).append("\"\n");
        }
        try (Connection connection = connect()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long rows = copy.copyIn("COPY t (id, name) FROM STDIN WITH (FORMAT csv, HEADER)", new StringReader(csv.toString()));
            assertEquals(2500, rows);
        }
        List<String> statements = pipeline.executed;
        assertEquals("BEGIN", statements.get(0));
        assertEquals(3, statements.stream().filter(each -> each.startsWith("INSERT INTO t (id, name) VALUES ($1, $2), ")).count());
        assertEquals("COMMIT", statements.get(4));
        List<Object> last = pipeline.parameters.get(3);
        assertEquals(1000, last.size(), "the last batch holds 500 rows of 2 values");
        assertEquals("2499", last.get(last.size() - 2));
        assertEquals("name, 2499", last.get(last.size() - 1));
    }

    @Test
    void aMalformedRowRollsBackAndTheConnectionGoesOn() throws Exception {
        try (Connection connection = connect()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            SQLException error = assertThrows(SQLException.class,
                    () -> copy.copyIn("COPY t (id, name) FROM STDIN", new StringReader("1\tone\n2\n3\tthree\n")));
            assertEquals("22P04", error.getSQLState());
            assertTrue(error.getMessage().contains("line 2"), error.getMessage());
            try (Statement statement = connection.createStatement()) {
                statement.execute("select");
            }
        }
        assertTrue(pipeline.executed.contains("ROLLBACK"), pipeline.executed.toString());
        assertTrue(pipeline.executed.stream().noneMatch(each -> each.equals("COMMIT")));
    }

    @Test
    void copyOutStreamsTextAndCsv() throws Exception {
        try (Connection connection = connect()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            StringWriter text = new StringWriter();
            assertEquals(2, copy.copyOut("COPY (select) TO STDOUT", text));
            assertEquals("1\tone\n2\t\\N\n", text.toString());
            StringWriter csv = new StringWriter();
            copy.copyOut("COPY (select) TO STDOUT WITH (FORMAT csv, HEADER)", csv);
            assertEquals("id,name\n1,one\n2,\n", csv.toString());
        }
    }
}

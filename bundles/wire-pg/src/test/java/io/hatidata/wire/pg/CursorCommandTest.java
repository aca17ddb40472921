package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.query.QueryException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CursorCommandTest {

    private static CursorCommand parse(String statement) throws QueryException {
        return CursorCommand.parse(statement).orElseThrow();
    }

    @Test
    void psqlsFetchCountCommandsParse() throws QueryException {
        assertEquals(new CursorCommand.Declare("_psql_cursor", false, false, false, "SELECT * FROM t", 42),
                parse("DECLARE _psql_cursor NO SCROLL CURSOR FOR\nSELECT * FROM t"));
        assertEquals(new CursorCommand.Fetch("_psql_cursor", 100, false, false), parse("FETCH FORWARD 100 FROM _psql_cursor"));
        assertEquals(new CursorCommand.Close("_psql_cursor"), parse("CLOSE _psql_cursor"));
    }

    @Test
    void declareOptionsAndNames() throws QueryException {
        assertEquals(new CursorCommand.Declare("Big Cursor", true, true, true, "values (1)", 68),
                parse("declare \"Big Cursor\" binary insensitive scroll cursor with hold for values (1);"));
        assertEquals(new CursorCommand.Declare("c", false, false, false, "SELECT 1", 45),
                parse("/* tool */ DECLARE C CURSOR WITHOUT HOLD FOR SELECT 1"));
        assertEquals("a\"b", ((CursorCommand.Declare) parse("DECLARE \"a\"\"b\" CURSOR FOR SELECT 1")).name());
        CursorCommand.Declare anyOrder = (CursorCommand.Declare) parse("DECLARE c NO SCROLL BINARY INSENSITIVE CURSOR FOR SELECT 1");
        assertTrue(anyOrder.binary());
        assertFalse(anyOrder.scroll());
    }

    @Test
    void fetchDirections() throws QueryException {
        assertEquals(new CursorCommand.Fetch("c", 1, false, false), parse("FETCH c"));
        assertEquals(new CursorCommand.Fetch("c", 1, false, false), parse("fetch next in c"));
        assertEquals(new CursorCommand.Fetch("c", 1, false, false), parse("FETCH FORWARD FROM c"));
        assertEquals(new CursorCommand.Fetch("c", 7, false, false), parse("FETCH 7 c"));
        assertEquals(new CursorCommand.Fetch("c", CursorCommand.ALL, false, false), parse("FETCH ALL FROM c"));
        assertEquals(new CursorCommand.Fetch("c", CursorCommand.ALL, false, false), parse("FETCH FORWARD ALL IN c;"));
        assertEquals(new CursorCommand.Fetch("c", 5, true, false), parse("MOVE FORWARD 5 IN c"));
        assertTrue(((CursorCommand.Fetch) parse("FETCH PRIOR FROM c")).backward());
        assertTrue(((CursorCommand.Fetch) parse("FETCH ABSOLUTE 3 FROM c")).backward());
        assertTrue(((CursorCommand.Fetch) parse("FETCH BACKWARD 2 FROM c")).backward());
        assertTrue(((CursorCommand.Fetch) parse("FETCH -2 FROM c")).backward());
        assertTrue(((CursorCommand.Fetch) parse("FETCH FORWARD -2 FROM c")).backward());
        assertEquals(new CursorCommand.Fetch("c", 5, false, false), parse("FETCH BACKWARD -5 FROM c"));
        assertEquals(new CursorCommand.Close(""), parse("CLOSE ALL"));
    }

    @Test
    void otherStatementsAreNotCursorCommands() throws QueryException {
        for (String each : new String[] {"SELECT 1", "fetcher", "SELECT * FROM close_calls", "closed", "movement", ""}) {
            assertFalse(CursorCommand.isCursorCommand(each), each);
            assertEquals(Optional.empty(), CursorCommand.parse(each), each);
        }
        assertTrue(CursorCommand.isCursorCommand("  -- comment\n fetch 1 from c"));
    }

    @Test
    void malformedCommandsAreSyntaxErrorsWithTheirPosition() {
        QueryException missingFor = assertThrows(QueryException.class, () -> parse("DECLARE c CURSOR SELECT 1"));
        assertEquals("42601", missingFor.sqlState());
        assertEquals(18, missingFor.position());
        assertEquals("42601", assertThrows(QueryException.class, () -> parse("FETCH 10 FROM c extra")).sqlState());
        assertEquals("42601", assertThrows(QueryException.class, () -> parse("FETCH 10 FROM")).sqlState());
        assertEquals("42601", assertThrows(QueryException.class, () -> parse("DECLARE c CURSOR FOR")).sqlState());
        assertEquals("42601", assertThrows(QueryException.class, () -> parse("CLOSE \"\"")).sqlState());
        assertEquals("42601", assertThrows(QueryException.class, () -> parse("FETCH 99999999999999999999 FROM c")).sqlState());
        assertEquals("42601", assertThrows(QueryException.class, () -> parse("FETCH 1e3 FROM c")).sqlState());
        assertEquals("42601", assertThrows(QueryException.class, () -> parse("DECLARE c SOMETIMES CURSOR FOR SELECT 1")).sqlState());
    }
}

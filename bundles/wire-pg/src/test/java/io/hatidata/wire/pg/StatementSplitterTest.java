package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {

    private static void splits(String sql, String... statements) {
        assertEquals(List.of(statements), StatementSplitter.split(sql), sql);
    }

    @Test
    void splitsAtSemicolons() {
        splits("select 1; select 2", "select 1", "select 2");
        splits("select 1;", "select 1");
        splits("  select 1  ", "select 1");
    }

    @Test
    void dropsEmptyStatementsAndComments() {
        splits("");
        splits(" ;\n; ");
        splits("-- only a comment");
        splits("/* a */ ; -- b\n;");
        splits("select 1; -- trailing comment", "select 1");
    }

    @Test
    void keepsSemicolonsInStrings() {
        splits("select 'a;b'; select 2", "select 'a;b'", "select 2");
        splits("select 'it''s; fine'", "select 'it''s; fine'");
        splits("select 'back\\'; select 2", "select 'back\\'", "select 2");
    }

    @Test
    void escapeStringsHonourBackslashes() {
        splits("select E'it\\'s; fine'; select 2", "select E'it\\'s; fine'", "select 2");
        splits("select e'\\\\'; select 2", "select e'\\\\'", "select 2");
        splits("select x'; select 2", "select x'; select 2");
    }

    @Test
    void keepsSemicolonsInQuotedIdentifiers() {
        splits("select 1 as \"a;\"\"b\"; select 2", "select 1 as \"a;\"\"b\"", "select 2");
    }

    @Test
    void keepsSemicolonsInDollarQuotes() {
        splits("select $$a;b$$; select 2", "select $$a;b$$", "select 2");
        splits("select $fn$ a; $$ ; $fn$; select 2", "select $fn$ a; $$ ; $fn$", "select 2");
        splits("select $1; select 2", "select $1", "select 2");
        splits("select a$b$; select 2", "select a$b$", "select 2");
    }

    @Test
    void keepsSemicolonsInComments() {
        splits("select 1 -- a; b\n; select 2", "select 1 -- a; b", "select 2");
        splits("select /* a; /* nested; */ b; */ 1; select 2", "select /* a; /* nested; */ b; */ 1", "select 2");
    }

    @Test
    void unterminatedLiteralRunsToTheEnd() {
        splits("select 'open; select 2", "select 'open; select 2");
        splits("select /* open; select 2", "select /* open; select 2");
    }
}

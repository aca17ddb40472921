package io.hatidata.sql.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.sql.GovernedTable;
import io.hatidata.api.sql.TableReference;
import io.hatidata.sql.parse.Token;
import io.hatidata.sql.parse.Tokenizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NameScreenTest {
    private static final GovernedTable KV = GovernedTable.filtered(TableReference.of("main", "kv"), "p", "id > ?",
            List.of(0L));

    private static boolean screened(String sql, GovernedTable... tables) {
        return NameScreen.cannotReference(sql, List.of(tables));
    }

    @Test
    void statementsThatNameNoGovernedTablePass() {
        assertTrue(screened("SELECT 1", KV));
        assertTrue(screened("SELECT * FROM orders WHERE id = 7", KV));
        assertTrue(screened("SET search_path = main", KV));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM kv", "SELECT * FROM KV", "SELECT * FROM \"Kv\"", "SELECT * FROM main.kv",
        "SELECT * FROM memory.main.\"KV\"", "SELECT 'kv'", "SELECT 1 -- kv",
        "SELECT * FROM U&\"\\006Bv\"", "SELECT * FROM U&\"!006B!0076\" UESCAPE '!'",
        "SELECT * FROM \"\u212Av\"", "SELECT * FROM query('SELECT 1')", "SELECT * FROM Query_Table('x')",
        "CREATE VIEW v AS SELECT * FROM kv",
    })
    void anythingThatMightNameAGovernedTableGoesTheFullWay(String sql) {
        assertFalse(screened(sql, KV), sql);
    }

    @Test
    void namesThatCannotBeScreenedTextuallyNeverPass() {
        GovernedTable quoted = GovernedTable.filtered(TableReference.of("a\"b"), "p", "x > 1", List.of());
        GovernedTable accented = GovernedTable.filtered(TableReference.of("café"), "p", "x > 1", List.of());
        assertFalse(screened("SELECT 1", quoted));
        assertFalse(screened("SELECT 1", accented));
    }

    @Test
    void foldingMatchesEqualsIgnoreCase() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            for (char ascii = 'a'; ascii <= 'z'; ascii++) {
                boolean same = String.valueOf(c).equalsIgnoreCase(String.valueOf(ascii));
                if (same) {
                    assertEquals(String.valueOf(ascii), NameScreen.fold(String.valueOf(c)), "U+" + Integer.toHexString(c));
                }
            }
        }
    }

    /**
     * Soundness over the corpus: every fixture statement and bypass attempt, governed by every word it
     * contains (and by the fixture tables): whenever the screen lets a statement through, the full rewrite
     * returns it unchanged and refuses nothing.
     */
    @Test
    void theScreenOnlyPassesWhatTheFullRewriteLeavesAlone() throws Exception {
        int passed = 0;
        int checked = 0;
        for (String sql : RewriterCorpus.statements()) {
            Set<String> words = new LinkedHashSet<>(List.of("t", "orders", "customers", "events", "zz_absent"));
            for (Token each : Tokenizer.tokenize(sql)) {
                if (each.type() == Token.Type.WORD) {
                    words.add(each.text().toLowerCase(Locale.ROOT));
                }
            }
            for (String word : words) {
                List<GovernedTable> tables = List.of(new GovernedTable(TableReference.of(word), "p",
                        List.of("a", "b"), Map.of("a", "'***'"), "b > ?", List.of(1L)));
                checked++;
                if (!NameScreen.cannotReference(sql, tables)) {
                    continue;
                }
                passed++;
                String result;
                try {
                    result = CalciteTableRewriter.fullRewrite(sql, tables);
                } catch (QueryException refused) {
                    result = "refused: " + refused.getMessage();
                }
                assertEquals(sql, result, "governed " + word);
            }
        }
        assertTrue(passed > 100 && checked > passed, passed + " of " + checked);
    }
}

package io.hatidata.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.sql.parse.LiteralShape;
import io.hatidata.sql.parse.LiteralVariants;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiteralTemplatesTest {
    private final SnowflakeTranspiler reference = new SnowflakeTranspiler();

    @Test
    void onlyLiteralsNoRewriteCanDependOnAreFree() {
        assertEquals("SELECT a FROM t WHERE id = ?n AND name IN (?s, ?s) LIMIT ?n",
                LiteralShape.of("SELECT a FROM t WHERE id = 7 AND name IN ('x', 'y') LIMIT 5").key());
        assertEquals("SELECT SPLIT_PART(s, ',', 0), TO_CHAR(d, 'YYYY') FROM t WHERE x = ?s",
                LiteralShape.of("SELECT SPLIT_PART(s, ',', 0), TO_CHAR(d, 'YYYY') FROM t WHERE x = 'q'").key());
        assertNull(LiteralShape.of("SELECT 2.5::INT, DATE '2024-01-01', INTERVAL '1 day', TOP 3 FROM t"),
                "casts, typed literals, decimals and TOP stay in the key");
        assertNull(LiteralShape.of("SELECT 'a\\\\b'"), "strings with backslashes stay in the key");
    }

    @Test
    void aShapeSeenTwiceIsTranslatedFromItsTemplateAfterwards() throws QueryException {
        CalciteSqlAnalyzer analyzer = new CalciteSqlAnalyzer(100);
        analyzer.analyze("SELECT IFF(a > 1, 'x', 'y') AS v FROM t WHERE id = 1 AND name = 'n1' ORDER BY v DESC");
        analyzer.analyze("SELECT IFF(a > 1, 'x', 'y') AS v FROM t WHERE id = 2 AND name = 'n2' ORDER BY v DESC");
        String third = "SELECT IFF(a > 1, 'x', 'y') AS v FROM t WHERE id = 3 AND name = 'it''s' ORDER BY v DESC";
        LiteralTemplates templates = new LiteralTemplates(10);
        templates.learn(reference.analyze("SELECT IFF(a > 1, 'x', 'y') AS v FROM t WHERE id = 1 AND name = 'n1' ORDER BY v DESC"),
                reference::analyze);
        templates.learn(reference.analyze("SELECT IFF(a > 1, 'x', 'y') AS v FROM t WHERE id = 2 AND name = 'n2' ORDER BY v DESC"),
                reference::analyze);
        StatementAnalysis templated = templates.get(third);
        assertNotNull(templated, "a template after the second sighting");
        assertEquals(reference.analyze(third).engineSql(), templated.engineSql());
        assertEquals(reference.analyze(third).engineSql(), analyzer.analyze(third).engineSql());
        assertEquals(third, templated.sql());
    }

    /**
     * Every fixture statement, warmed with two variants of its free literals, then a third variant: the
     * analyzer's answer must be exactly the translator's.
     */
    @Test
    void templatedTranslationsEqualFreshOnesForEveryFixture() throws Exception {
        int templated = 0;
        for (String statement : fixtureStatements()) {
            if (LiteralShape.of(statement) == null) {
                continue;
            }
            CalciteSqlAnalyzer analyzer = new CalciteSqlAnalyzer(100);
            LiteralTemplates probe = new LiteralTemplates(10);
            for (int variant = 1; variant <= 3; variant++) {
                String sql = variant(statement, variant);
                StatementAnalysis expected;
                try {
                    expected = reference.analyze(sql);
                } catch (QueryException refused) {
                    break;
                }
                assertEquals(expected.engineSql(), analyzer.analyze(sql).engineSql(), sql);
                if (variant == 3 && probe.get(sql) != null) {
                    templated++;
                }
                probe.learn(expected, reference::analyze);
            }
        }
        assertEquals(true, templated > 50, "templates were built and used: " + templated);
    }

    /** The statement with its free literals changed ({@link LiteralVariants}). */
    private static String variant(String sql, int variant) {
        return LiteralVariants.variant(sql, variant);
    }

    private static List<String> fixtureStatements() throws IOException {
        List<String> result = new ArrayList<>();
        for (String file : List.of("aggregate", "conditional", "constructs", "conversion", "datetime", "semistructured",
                "string")) {
            try (InputStream in = LiteralTemplatesTest.class.getResourceAsStream("/fixtures/" + file + ".tsv")) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        result.add(line.split("\t", 2)[0]);
                    }
                }
            }
        }
        return result;
    }
}

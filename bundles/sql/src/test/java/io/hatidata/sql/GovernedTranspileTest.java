package io.hatidata.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.sql.GovernedTable;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.api.sql.TableReference;
import io.hatidata.sql.governance.CalciteTableRewriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The transpile stage after row-level security and masking rewrote a primary-key lookup: the rewritten
 * texts of one statement shape differ only in free literals, so from the third one on the translation
 * comes from the literal-insensitive template.
 */
class GovernedTranspileTest {
    private static final String EMAIL = "CAST(\"email\" AS VARCHAR)";
    /** The masking provider's partial mask, as it writes it. */
    private static final GovernedTable MASKED = GovernedTable.masked(TableReference.of("kv"), "mask_kv",
            List.of("id", "name", "email", "balance"), Map.of("email", "CASE WHEN \"email\" IS NULL THEN NULL WHEN length("
                    + EMAIL + ") <= 4 THEN '***' ELSE '***' || substr(" + EMAIL + ", length(" + EMAIL + ") - 3) END"));
    private static final GovernedTable FILTERED = GovernedTable.filtered(TableReference.of("kv"), "rls_kv",
            "(balance >= ?)", List.of(0L));

    private final CalciteTableRewriter rewriter = new CalciteTableRewriter(100, 16_384);
    private final SnowflakeTranspiler reference = new SnowflakeTranspiler();

    /** Row filter (order 700), then masking (750), as the pipeline applies them. */
    private String governed(long id) throws QueryException {
        String sql = "SELECT id, name, email, balance FROM kv WHERE id = " + id;
        return rewriter.rewrite(rewriter.rewrite(sql, List.of(FILTERED)), List.of(MASKED));
    }

    @Test
    void theSecondLiteralVariantOfARewrittenLookupBuildsATemplateAndTheThirdUsesIt() throws QueryException {
        LiteralTemplates templates = new LiteralTemplates(10);
        for (long id = 1; id <= 2; id++) {
            String rewritten = governed(id);
            assertTrue(rewritten.contains("'***'") && rewritten.contains("balance >= 0"), rewritten);
            assertNull(templates.get(rewritten), "no template before the shape was seen twice");
            templates.learn(reference.analyze(rewritten), reference::analyze);
        }
        String third = governed(987_654);
        StatementAnalysis templated = templates.get(third);
        assertNotNull(templated, "a template hit for " + third);
        assertEquals(reference.analyze(third).engineSql(), templated.engineSql());
        assertEquals(reference.analyze(third).tablesRead(), templated.tablesRead());
    }

    @Test
    void theAnalyzerAnswersRewrittenLookupsExactlyAsTheTranslator() throws QueryException {
        CalciteSqlAnalyzer analyzer = new CalciteSqlAnalyzer(100);
        for (long id = 1; id <= 5; id++) {
            String rewritten = governed(id);
            assertEquals(reference.analyze(rewritten).engineSql(), analyzer.analyze(rewritten).engineSql());
        }
        assertEquals(1, analyzer.templateSize(), "one template serves every id");
    }
}

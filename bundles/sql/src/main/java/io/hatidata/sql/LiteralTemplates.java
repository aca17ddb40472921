package io.hatidata.sql;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.sql.parse.LiteralShape;
import io.hatidata.sql.parse.SlotTemplate;
import io.hatidata.sql.parse.Token;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The literal-insensitive layer of the translation cache: statements that differ only in the values of
 * their <em>free</em> literals share one translation template, so an agent that sends the same query with
 * new values pays the translator once.
 *
 * <p>Safe by construction, not by hope. Which literals are free is {@link LiteralShape}'s rule (shared with
 * the governed-table rewriter); other literals stay in the key verbatim. A template is built the second time a shape is seen: the
 * statement is translated again with unique sentinel values in place of its free literals; each sentinel
 * must come out exactly once, the analysis (kind, tables, lineage) must be the same, and the template
 * filled with the real values must reproduce the real translation exactly; otherwise that shape is never
 * templated. Bounded like the cache it belongs to.
 */
final class LiteralTemplates {
    /** Translates statements; the analyzer's own translator. */
    interface Translator {
        StatementAnalysis analyze(String sql) throws QueryException;
    }

    private final int maxEntries;
    private final Map<String, Template> templates;
    private final Map<String, Boolean> seen;

    LiteralTemplates(int maxEntries) {
        this.maxEntries = maxEntries;
        this.templates = lru(maxEntries);
        this.seen = lru(maxEntries);
    }

    /** The analysis of {@code sql} from its shape's template, or {@code null}. */
    StatementAnalysis get(String sql) {
        LiteralShape shape = LiteralShape.of(sql);
        if (shape == null) {
            return null;
        }
        Template template;
        synchronized (templates) {
            template = templates.get(shape.key());
        }
        return template == null ? null : template.fill(sql, shape.literals());
    }

    /**
     * Remembers the shape of a statement just translated; the second time a shape comes, builds and checks
     * its template (one more translation, then never again for that shape).
     */
    void learn(StatementAnalysis analysis, Translator translator) {
        if (maxEntries <= 0) {
            return;
        }
        LiteralShape shape = LiteralShape.of(analysis.sql());
        if (shape == null) {
            return;
        }
        synchronized (seen) {
            if (seen.put(shape.key(), Boolean.TRUE) == null) {
                return; // first sighting: most statements come once
            }
        }
        synchronized (templates) {
            if (templates.containsKey(shape.key())) {
                return;
            }
        }
        Template template = Template.build(analysis, shape, translator);
        if (template != null) {
            synchronized (templates) {
                templates.put(shape.key(), template);
            }
        }
    }

    int size() {
        synchronized (templates) {
            return templates.size();
        }
    }

    private static <V> Map<String, V> lru(int maxEntries) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /**
     * The engine SQL of a shape as a {@link SlotTemplate}. A shape the translator passes through unchanged
     * fills in as the client's own text.
     */
    record Template(StatementAnalysis analysis, SlotTemplate engineSql, boolean passThrough) {

        StatementAnalysis fill(String sql, List<Token> literals) {
            String filled = passThrough ? sql : engineSql.fill(literals);
            return new StatementAnalysis(sql, analysis.kind(), analysis.tablesRead(), analysis.tablesWritten(),
                    analysis.lineage(), filled, analysis.analyzed());
        }

        /** A checked template, or {@code null} when this shape cannot be templated safely. */
        static Template build(StatementAnalysis real, LiteralShape shape, Translator translator) {
            LiteralShape.Probe probe = shape.probe(real.sql());
            StatementAnalysis probed;
            try {
                probed = translator.analyze(probe.sql());
            } catch (QueryException ex) {
                return null;
            }
            if (probed.kind() != real.kind() || probed.analyzed() != real.analyzed()
                    || !probed.tablesRead().equals(real.tablesRead()) || !probed.tablesWritten().equals(real.tablesWritten())
                    || !probed.lineage().equals(real.lineage())) {
                return null;
            }
            boolean passThrough = !probed.transpiled() && !real.transpiled();
            SlotTemplate engineSql = SlotTemplate.proven(probe, probed.engineSql(), shape,
                    passThrough ? real.sql().strip() : real.engineSql());
            if (engineSql == null) {
                return null;
            }
            Template template = new Template(probed, engineSql, passThrough);
            return template.fill(real.sql(), shape.literals()).engineSql().equals(real.engineSql()) ? template : null;
        }
    }
}

package io.hatidata.sql;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.sql.parse.Token;
import io.hatidata.sql.parse.Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The literal-insensitive layer of the translation cache: statements that differ only in the values of
 * their <em>free</em> literals share one translation template, so an agent that sends the same query with
 * new values pays the translator once.
 *
 * <p>Safe by construction, not by hope. A literal is free only when no rewrite can depend on its value:
 * an integer or a plain string ({@code '…'} without backslashes) that is not inside the parentheses of a
 * function call (format models, part numbers, date parts, JSON paths all are), not next to {@code ::},
 * not after a type keyword ({@code DATE '…'}, {@code INTERVAL '…'}) and not the count of {@code TOP}.
 * Other literals stay in the key verbatim. A template is built the second time a shape is seen: the
 * statement is translated again with unique sentinel values in place of its free literals; each sentinel
 * must come out exactly once, the analysis (kind, tables, lineage) must be the same, and the template
 * filled with the real values must reproduce the real translation exactly; otherwise that shape is never
 * templated. Bounded like the cache it belongs to.
 */
public final class LiteralTemplates {
    private static final Set<String> NOT_A_FUNCTION = Set.of("in", "values", "as", "on", "using", "and", "or",
            "not", "where", "select", "from", "join", "exists", "any", "all", "some", "over", "by", "when", "then",
            "else", "case", "having", "qualify", "limit", "into", "with", "union", "except", "intersect", "minus",
            "recursive", "lateral", "is", "like", "ilike", "between", "set", "returning", "offset", "table", "end");
    private static final Set<String> TYPED_LITERAL_KEYWORDS = Set.of("date", "time", "timestamp", "interval",
            "timestamp_ntz", "timestamp_ltz", "timestamp_tz", "top", "sample", "tablesample");
    private static final String SENTINEL_PREFIX = "hdlit";

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
        Shape shape = Shape.of(sql);
        if (shape == null) {
            return null;
        }
        Template template;
        synchronized (templates) {
            template = templates.get(shape.key);
        }
        return template == null ? null : template.fill(sql, shape.literals);
    }

    /**
     * Remembers the shape of a statement just translated; the second time a shape comes, builds and checks
     * its template (one more translation, then never again for that shape).
     */
    void learn(StatementAnalysis analysis, Translator translator) {
        if (maxEntries <= 0) {
            return;
        }
        Shape shape = Shape.of(analysis.sql());
        if (shape == null) {
            return;
        }
        synchronized (seen) {
            if (seen.put(shape.key, Boolean.TRUE) == null) {
                return; // first sighting: most statements come once
            }
        }
        synchronized (templates) {
            if (templates.containsKey(shape.key)) {
                return;
            }
        }
        Template template = Template.build(analysis, shape, translator);
        if (template != null) {
            synchronized (templates) {
                templates.put(shape.key, template);
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

    /** A statement's key with its free literals as placeholders, and those literals' tokens in order. */
    public record Shape(String key, List<Token> literals) {

        /** The shape, or {@code null} when the statement has no free literal. */
        public static Shape of(String sql) {
            List<Token> tokens = Tokenizer.tokenize(sql.strip());
            StringBuilder key = new StringBuilder(sql.length());
            List<Token> literals = new ArrayList<>();
            List<Boolean> functionParens = new ArrayList<>();
            Token previous = null;
            for (int i = 0; i < tokens.size(); i++) {
                Token token = tokens.get(i);
                if (token.type() == Token.Type.SPACE) {
                    if (key.length() > 0 && key.charAt(key.length() - 1) != ' ') {
                        key.append(' ');
                    }
                    continue;
                }
                if (token.type() == Token.Type.SYMBOL && token.text().equals("(")) {
                    functionParens.add(previous != null && (previous.type() == Token.Type.QUOTED
                            || previous.type() == Token.Type.WORD
                            && !NOT_A_FUNCTION.contains(previous.text().toLowerCase(Locale.ROOT))));
                } else if (token.type() == Token.Type.SYMBOL && token.text().equals(")") && !functionParens.isEmpty()) {
                    functionParens.remove(functionParens.size() - 1);
                }
                if (isFree(token, previous, next(tokens, i), functionParens)) {
                    literals.add(token);
                    key.append(token.type() == Token.Type.NUMBER ? "?n" : "?s");
                } else {
                    key.append(token.text());
                }
                previous = token;
            }
            return literals.isEmpty() ? null : new Shape(key.toString().strip(), List.copyOf(literals));
        }

        /** One unique sentinel per free literal: a number for a number, a string for a string. */
        public List<String> sentinels() {
            List<String> sentinels = new ArrayList<>(literals.size());
            for (int i = 0; i < literals.size(); i++) {
                sentinels.add(literals.get(i).type() == Token.Type.NUMBER
                        ? Long.toString(7_340_000_000_000_000L + i * 1_000_003L)
                        : "'" + SENTINEL_PREFIX + i + "x'");
            }
            return sentinels;
        }

        /** The statement (the one this shape is of) with the sentinels in place of its free literals. */
        public String withSentinels(String sql, List<String> sentinels) {
            String stripped = sql.strip();
            StringBuilder result = new StringBuilder(stripped.length() + 16 * sentinels.size());
            int copied = 0;
            for (int i = 0; i < literals.size(); i++) {
                Token literal = literals.get(i);
                result.append(stripped, copied, literal.start()).append(sentinels.get(i));
                copied = literal.end();
            }
            return result.append(stripped.substring(copied)).toString();
        }

        private static boolean isFree(Token token, Token previous, Token next, List<Boolean> functionParens) {
            boolean integer = token.type() == Token.Type.NUMBER && token.text().chars().allMatch(Character::isDigit);
            boolean plainString = token.type() == Token.Type.STRING && token.text().startsWith("'")
                    && token.text().indexOf('\\') < 0;
            if (!integer && !plainString || functionParens.contains(Boolean.TRUE)) {
                return false;
            }
            if (previous != null && (previous.text().equals("::")
                    || previous.type() == Token.Type.WORD
                    && TYPED_LITERAL_KEYWORDS.contains(previous.text().toLowerCase(Locale.ROOT)))) {
                return false;
            }
            return next == null || !next.text().equals("::");
        }

        private static Token next(List<Token> tokens, int index) {
            for (int i = index + 1; i < tokens.size(); i++) {
                if (tokens.get(i).type() != Token.Type.SPACE) {
                    return tokens.get(i);
                }
            }
            return null;
        }
    }

    /**
     * The engine SQL cut at the free literals: {@code parts.size() == slots.length + 1}. A shape the
     * translator passes through unchanged fills in as the client's own text.
     */
    record Template(StatementAnalysis analysis, List<String> parts, int[] slots, boolean passThrough) {

        StatementAnalysis fill(String sql, List<Token> literals) {
            if (passThrough) {
                return new StatementAnalysis(sql, analysis.kind(), analysis.tablesRead(), analysis.tablesWritten(),
                        analysis.lineage(), sql, analysis.analyzed());
            }
            return new StatementAnalysis(sql, analysis.kind(), analysis.tablesRead(), analysis.tablesWritten(),
                    analysis.lineage(), new Cut(parts, slots).fill(literals), analysis.analyzed());
        }

        /** A checked template, or {@code null} when this shape cannot be templated safely. */
        static Template build(StatementAnalysis real, Shape shape, Translator translator) {
            List<String> sentinels = shape.sentinels();
            String sentinelSql = shape.withSentinels(real.sql(), sentinels);
            StatementAnalysis probe;
            try {
                probe = translator.analyze(sentinelSql);
            } catch (QueryException ex) {
                return null;
            }
            if (probe.kind() != real.kind() || probe.analyzed() != real.analyzed()
                    || !probe.tablesRead().equals(real.tablesRead()) || !probe.tablesWritten().equals(real.tablesWritten())
                    || !probe.lineage().equals(real.lineage())) {
                return null;
            }
            Cut cut = Cut.of(probe.engineSql(), sentinels);
            if (cut == null) {
                return null;
            }
            Template template = new Template(probe, cut.parts(), cut.slots(), !probe.transpiled() && !real.transpiled());
            if (!template.fill(real.sql(), shape.literals).engineSql().equals(real.engineSql())) {
                return null;
            }
            return template;
        }
    }

    /**
     * A text cut at sentinel values: {@code parts.size() == slots.length + 1}; slot {@code i} takes the
     * statement's literal number {@code slots[i]}.
     */
    public record Cut(List<String> parts, int[] slots) {

        /** The text with the statement's literals in the slots. */
        public String fill(List<Token> literals) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < slots.length; i++) {
                text.append(parts.get(i)).append(literals.get(slots[i]).text());
            }
            return text.append(parts.get(parts.size() - 1)).toString();
        }

        /** Cuts a text at each sentinel, which must occur exactly once; {@code null} when one does not. */
        public static Cut of(String engineSql, List<String> sentinels) {
            Map<Integer, Integer> slotAt = new java.util.TreeMap<>();
            for (int i = 0; i < sentinels.size(); i++) {
                int at = engineSql.indexOf(sentinels.get(i));
                if (at < 0 || engineSql.indexOf(sentinels.get(i), at + 1) >= 0) {
                    return null;
                }
                slotAt.put(at, i);
            }
            List<String> parts = new ArrayList<>();
            int[] slots = new int[sentinels.size()];
            int from = 0;
            int n = 0;
            for (Map.Entry<Integer, Integer> each : slotAt.entrySet()) {
                if (each.getKey() < from) {
                    return null; // sentinels overlap
                }
                parts.add(engineSql.substring(from, each.getKey()));
                slots[n++] = each.getValue();
                from = each.getKey() + sentinels.get(each.getValue()).length();
            }
            parts.add(engineSql.substring(from));
            return new Cut(List.copyOf(parts), slots);
        }
    }
}

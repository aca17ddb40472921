package io.hatidata.sql.governance;

import io.hatidata.api.sql.GovernedTable;
import io.hatidata.sql.LiteralTemplates.Cut;
import io.hatidata.sql.LiteralTemplates.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers what {@link CalciteTableRewriter} made of a statement for a set of governed tables, so a
 * repeated statement is not parsed twice again (the rewrite and its check each parse it with Calcite).
 *
 * <p>Two bounded LRU layers, both keyed on the governed tables as well, which carry everything the rewrite
 * depends on besides the text (policy, column list, masks, row filter and its values): a policy or
 * principal change is a new key, never a stale answer.
 *
 * <ul>
 *   <li>exact: the statement's text → the rewritten text, or the refusal;
 *   <li>shape: statements that differ only in their <em>free</em> literals ({@link Shape}, the rule the
 *       translator's literal-insensitive cache uses) share one template. It is built the second time a shape
 *       comes: the statement is rewritten again with unique sentinels in place of its free literals, each
 *       sentinel must come out exactly once, and the template filled with the real values must reproduce
 *       the real rewrite exactly; otherwise the shape is never templated. Refusals are never templated.
 * </ul>
 */
final class RewriteCache {

    /** Rewrites without the cache. */
    interface Rewriter {
        String rewrite(String sql) throws Unsafe;
    }

    /** A cached answer: the rewritten text, or the refusal to throw again. */
    record Answer(String rewritten, Unsafe refusal) {}

    private record Key(String text, List<GovernedTable> tables) {}

    /** Markers in the shape layer: seen once (the next sighting builds), and cannot be templated. */
    private static final Cut SEEN = new Cut(List.of(), new int[0]);
    private static final Cut NOT_TEMPLATABLE = new Cut(List.of(), new int[0]);

    private final Map<Key, Answer> exact;
    private final Map<Key, Cut> templates;
    private final int maxEntries;

    RewriteCache(int maxEntries) {
        this.maxEntries = maxEntries;
        this.exact = lru(maxEntries);
        this.templates = lru(maxEntries);
    }

    /** The rewrite of {@code sql}: from a layer, or from {@code rewriter} (and then remembered). */
    String rewrite(String sql, List<GovernedTable> tables, Rewriter rewriter) throws Unsafe {
        if (maxEntries <= 0) {
            return rewriter.rewrite(sql);
        }
        Key key = new Key(sql, tables);
        Answer known;
        synchronized (exact) {
            known = exact.get(key);
        }
        if (known == null) {
            known = fromTemplate(sql, tables, rewriter);
            synchronized (exact) {
                exact.put(key, known);
            }
        }
        if (known.refusal() != null) {
            throw known.refusal();
        }
        return known.rewritten();
    }

    int size() {
        synchronized (exact) {
            return exact.size();
        }
    }

    private Answer fromTemplate(String sql, List<GovernedTable> tables, Rewriter rewriter) {
        Shape shape = Shape.of(sql);
        if (shape == null) {
            return answer(sql, rewriter);
        }
        Key key = new Key(shape.key(), tables);
        Cut cut;
        synchronized (templates) {
            cut = templates.get(key);
        }
        if (cut != null && cut != SEEN && cut != NOT_TEMPLATABLE) {
            return new Answer(cut.fill(shape.literals()), null);
        }
        Answer real = answer(sql, rewriter);
        if (real.refusal() != null || cut == NOT_TEMPLATABLE) {
            return real;
        }
        if (cut == null) {
            synchronized (templates) {
                templates.putIfAbsent(key, SEEN); // most statements come once; the next sighting builds
            }
            return real;
        }
        Cut built = build(sql, shape, real.rewritten(), rewriter);
        synchronized (templates) {
            templates.put(key, built == null ? NOT_TEMPLATABLE : built);
        }
        return real;
    }

    /** A checked template of the shape, or {@code null}. */
    private static Cut build(String sql, Shape shape, String realRewrite, Rewriter rewriter) {
        List<String> sentinels = shape.sentinels();
        String probe;
        try {
            probe = rewriter.rewrite(shape.withSentinels(sql, sentinels));
        } catch (Unsafe refused) {
            return null;
        }
        Cut cut = Cut.of(probe, sentinels);
        if (cut == null || !cut.fill(shape.literals()).equals(realRewrite)) {
            return null;
        }
        return cut;
    }

    private static Answer answer(String sql, Rewriter rewriter) {
        try {
            return new Answer(rewriter.rewrite(sql), null);
        } catch (Unsafe refused) {
            return new Answer(null, refused);
        }
    }

    private static <K, V> Map<K, V> lru(int maxEntries) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > maxEntries;
            }
        };
    }
}

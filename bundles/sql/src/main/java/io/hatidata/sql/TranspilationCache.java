package io.hatidata.sql;

import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.sql.parse.Token;
import io.hatidata.sql.parse.Tokenizer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded, least-recently-used cache of analyses keyed by normalized text: runs of spaces and comments
 * outside literals become one space, so re-formatted copies of a statement share an entry. Case and
 * literals are kept in the key (names keep their case in the result's column names, and some rewrites
 * depend on literal values). Thread-safe.
 */
final class TranspilationCache {
    private final int maxEntries;
    private final Map<String, StatementAnalysis> entries;

    TranspilationCache(int maxEntries) {
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, StatementAnalysis> eldest) {
                return size() > TranspilationCache.this.maxEntries;
            }
        };
    }

    /** The normalized key of a statement. */
    static String key(String sql) {
        StringBuilder result = new StringBuilder(sql.length());
        for (Token each : Tokenizer.tokenize(sql.strip())) {
            if (each.type() == Token.Type.SPACE) {
                if (result.length() > 0 && result.charAt(result.length() - 1) != ' ') {
                    result.append(' ');
                }
            } else {
                result.append(each.text());
            }
        }
        return result.toString().strip();
    }

    /** The cached analysis for this text (re-targeted at this exact text), or {@code null}. */
    StatementAnalysis get(String sql) {
        if (maxEntries <= 0) {
            return null;
        }
        StatementAnalysis cached;
        synchronized (entries) {
            cached = entries.get(key(sql));
        }
        if (cached == null) {
            return null;
        }
        String engineSql = cached.transpiled() ? cached.engineSql() : sql;
        return new StatementAnalysis(sql, cached.kind(), cached.tablesRead(), cached.tablesWritten(),
                cached.lineage(), engineSql, cached.analyzed());
    }

    void put(StatementAnalysis analysis) {
        if (maxEntries <= 0) {
            return;
        }
        synchronized (entries) {
            entries.put(key(analysis.sql()), analysis);
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}

package io.hatidata.pipeline;

import io.hatidata.api.governance.CostEstimate;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.api.sql.StatementKind;
import java.util.Locale;
import java.util.Set;

/**
 * Which statements are full scans. The cost estimate decides when there is one (billing's estimator
 * knows table statistics); without one, the pipeline's own rule applies: an analysed query that reads at
 * least one table and has none of {@code WHERE}, {@code LIMIT}, {@code TOP}, {@code FETCH} or
 * {@code SAMPLE} anywhere in its text (outside literals, quoted identifiers and comments). Deliberately
 * simple and conservative; a statement that was not analysed is not counted.
 */
final class FullScans {
    private static final Set<String> NARROWING = Set.of("where", "limit", "top", "fetch", "sample", "tablesample");

    private FullScans() {}

    /** Whether the statement is a full scan: the estimate's verdict if there is one, else {@link #guess}. */
    static boolean isFullScan(QueryContext context) {
        if (context.attributes().get(CostEstimate.ATTRIBUTE) instanceof CostEstimate estimate) {
            return estimate.fullScan();
        }
        return guess(context);
    }

    /** The pipeline's own rule, from the table-extraction analysis. */
    static boolean guess(QueryContext context) {
        if (!(context.attributes().get(StatementAnalysis.ATTRIBUTE) instanceof StatementAnalysis analysis)) {
            return false;
        }
        return analysis.analyzed()
                && analysis.kind() == StatementKind.QUERY
                && !analysis.tablesRead().isEmpty()
                && !hasNarrowingKeyword(analysis.sql());
    }

    /** Whether a bare word of the statement is one of the narrowing keywords. */
    static boolean hasNarrowingKeyword(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = sql.indexOf(c, i + 1);
                // a doubled quote inside continues the literal; skipping it as two literals is equivalent
                i = end < 0 ? n : end + 1;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '$' && i + 1 < n && sql.charAt(i + 1) == '$') {
                int end = sql.indexOf("$$", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
                    i++;
                }
                if (NARROWING.contains(sql.substring(start, i).toLowerCase(Locale.ROOT))) {
                    return true;
                }
            } else {
                i++;
            }
        }
        return false;
    }
}

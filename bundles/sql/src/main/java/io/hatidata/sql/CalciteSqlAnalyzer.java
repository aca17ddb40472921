package io.hatidata.sql;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.sql.SqlAnalyzer;
import io.hatidata.api.sql.SqlTranspiler;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.sql.parse.AmbiguousText;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link SqlAnalyzer} and {@link SqlTranspiler} service: {@link SnowflakeTranspiler} behind a
 * {@link TranspilationCache}. Configuration PID {@value SqlPids#ANALYZER} ({@code cacheSize}, 10 000);
 * a configuration change replaces the component and so empties the cache.
 */
@Component(
        configurationPid = SqlPids.ANALYZER,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {SqlAnalyzer.class, SqlTranspiler.class})
@Designate(ocd = CalciteSqlAnalyzerConfig.class)
public final class CalciteSqlAnalyzer implements SqlAnalyzer, SqlTranspiler {
    private final SnowflakeTranspiler transpiler = new SnowflakeTranspiler();
    private final TranspilationCache cache;
    private final LiteralTemplates templates;

    /** A statement that touches the parser, every shuttle and the dialect, translated once at activation. */
    static final String WARM_UP = "SELECT IFF(a > 1, 'x', NVL(b, 'y')) AS v, DATEDIFF(day, d, CURRENT_DATE()) AS n,"
            + " c::VARCHAR AS s FROM t WHERE d > DATEADD(day, -1, CURRENT_DATE()) GROUP BY ALL ORDER BY v DESC";

    /**
     * Activation translates {@link #WARM_UP} (outside the cache), so Calcite's classes are loaded and
     * initialised before the first client statement rather than during it (seconds on a small machine).
     */
    @Activate
    public CalciteSqlAnalyzer(CalciteSqlAnalyzerConfig config) {
        this(config.cacheSize());
        try {
            transpiler.analyze(WARM_UP);
        } catch (QueryException ex) {
            throw new IllegalStateException("the translator cannot translate its warm-up statement", ex);
        }
    }

    /** An analyzer with a cache of this many entries (0: none). */
    public CalciteSqlAnalyzer(int cacheSize) {
        this.cache = new TranspilationCache(cacheSize);
        this.templates = new LiteralTemplates(cacheSize);
    }

    @Override
    public StatementAnalysis analyze(String sql) throws QueryException {
        // before the caches: their keys fold white space and comments as DuckDB does, not these
        AmbiguousText.refuse(sql);
        StatementAnalysis cached = cache.get(sql);
        if (cached != null) {
            return cached;
        }
        StatementAnalysis templated = templates.get(sql);
        if (templated != null) {
            cache.put(templated);
            return templated;
        }
        StatementAnalysis result = transpiler.analyze(sql);
        cache.put(result);
        templates.learn(result, transpiler::analyze);
        return result;
    }

    @Override
    public String transpile(String sql) throws QueryException {
        StatementAnalysis cached = cache.get(sql);
        if (cached != null && cached.analyzed()) {
            return cached.engineSql();
        }
        return transpiler.transpile(sql);
    }

    int cacheSize() {
        return cache.size();
    }

    int templateSize() {
        return templates.size();
    }
}

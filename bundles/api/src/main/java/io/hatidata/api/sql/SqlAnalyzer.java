package io.hatidata.api.sql;

import io.hatidata.api.query.QueryException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Analyzes and translates one Snowflake-dialect statement. Thread-safe; results may be cached.
 *
 * <p>Errors: {@code 0A000} (feature_not_supported) for a Snowflake construct with no engine equivalent,
 * the message naming the construct. A statement the parser cannot read is not an error here: it is
 * returned {@linkplain StatementAnalysis#analyzed() unanalyzed} and passed through, so the engine
 * reports real syntax errors ({@code 42601} with their position).
 */
@ProviderType
public interface SqlAnalyzer {

    /**
     * Analyzes a statement and translates it to the engine's dialect.
     *
     * @param sql exactly one statement; {@code $1} … {@code $n} parameters are kept as they are
     * @throws QueryException {@code 0A000} naming an untranslatable construct
     */
    StatementAnalysis analyze(String sql) throws QueryException;
}

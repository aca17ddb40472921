package io.hatidata.api.sql;

import io.hatidata.api.query.QueryException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Translates Snowflake-dialect SQL to the engine's dialect (DuckDB), strictly: for the
 * {@code /v1/transpile} endpoint and tools that want to see the translation, not run it.
 */
@ProviderType
public interface SqlTranspiler {

    /**
     * The statement in DuckDB's dialect.
     *
     * @throws QueryException {@code 42601} with the 1-based line and column of a statement the parser
     *     cannot read (the message ends with {@code at line L, column C}); {@code 0A000} naming an
     *     untranslatable construct
     */
    String transpile(String sql) throws QueryException;
}

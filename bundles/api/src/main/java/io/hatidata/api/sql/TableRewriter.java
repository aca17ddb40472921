package io.hatidata.api.sql;

import io.hatidata.api.query.QueryException;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Rewrites a parsed statement so that governed tables are read only through a sub-query
 * ({@link GovernedTable}): the row-level security and masking providers enforce their rules with it.
 *
 * <p>Works on the statement's parse tree, not on its text: every reference to a governed table in any
 * FROM clause (joins, sub-queries in any clause, set operations, {@code LATERAL}, common table expressions
 * and their bodies) becomes the sub-query; a common table expression that shadows a governed name is left
 * alone; the target rows of {@code UPDATE} and {@code DELETE} get the row filter ANDed into their WHERE.
 * What it cannot prove safe is refused with {@code 42501}: a statement the parser cannot read, or a
 * statement of a kind it does not rewrite ({@code EXPLAIN}, {@code COPY}, {@code PRAGMA}, …), that names a
 * governed table; {@code CREATE VIEW} over a governed table (the engine expands views later, for whoever
 * reads them); writes that read a masked column; dynamic SQL functions ({@code query},
 * {@code query_table}); constructs it does not know around a governed table.
 *
 * @since 1.1.0
 */
@ProviderType
public interface TableRewriter {
    /**
     * The statement with every reference to the given tables replaced.
     *
     * @param sql one statement in the client's dialect
     * @param tables the governed tables; empty: the statement comes back as it is
     * @return the rewritten statement in the client's dialect, or {@code sql} itself when it references
     *     none of the tables
     * @throws QueryException {@code 42501} ({@code permission denied by policy <policy>: <reason>}) when
     *     the statement cannot be rewritten safely
     */
    String rewrite(String sql, List<GovernedTable> tables) throws QueryException;
}

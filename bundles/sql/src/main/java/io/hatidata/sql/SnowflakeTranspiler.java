package io.hatidata.sql;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import io.hatidata.api.sql.ColumnLineage;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.api.sql.StatementKind;
import io.hatidata.api.sql.TableReference;
import io.hatidata.sql.analysis.FallbackTargets;
import io.hatidata.sql.analysis.LineageResolver;
import io.hatidata.sql.analysis.StatementKinds;
import io.hatidata.sql.analysis.TableCollector;
import io.hatidata.sql.parse.AmbiguousText;
import io.hatidata.sql.dialect.DuckDbSqlDialect;
import io.hatidata.sql.parse.SnowflakeParser;
import io.hatidata.sql.parse.SnowflakeParser.ParseFailure;
import io.hatidata.sql.parse.SnowflakeParser.Parsed;
import io.hatidata.sql.rewrite.CastShuttle;
import io.hatidata.sql.rewrite.ConstructShuttle;
import io.hatidata.sql.rewrite.FunctionShuttle;
import io.hatidata.sql.rewrite.NullOrderingShuttle;
import io.hatidata.sql.rewrite.RefusedConstruct;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Parse once, analyze, rewrite, print: the pure function from a Snowflake-dialect statement to its
 * {@link StatementAnalysis} with the DuckDB SQL. Stateless and thread-safe.
 *
 * <ol>
 *   <li>{@link SnowflakeParser} (token pre-processing, then Calcite's Babel parser). A statement it cannot
 *       read passes through unchanged, unanalyzed (see {@link StatementAnalysis}).
 *   <li>{@link TableCollector}, {@link LineageResolver}, {@link StatementKinds}.
 *   <li>Queries and DML: the shuttles {@link ConstructShuttle} → {@link NullOrderingShuttle} →
 *       {@link FunctionShuttle} → {@link CastShuttle}, printed with {@link DuckDbSqlDialect}; when no shuttle
 *       changed anything and the pre-processor did not either, the client's text goes to DuckDB as it is.
 *   <li>DDL and utility statements, and queries of the catalogs ({@code pg_catalog},
 *       {@code information_schema}, {@code duckdb_*}), pass as written (DDL with Snowflake type names
 *       mapped, {@link DdlTypes}).
 * </ol>
 */
public final class SnowflakeTranspiler {
    /**
     * Analyzes leniently: a statement the parser cannot read passes through. A text the analysis and the
     * engine would read differently (several statements, {@code //}) is refused ({@link AmbiguousText}),
     * after the pre-processor's own refusals (a stage-file {@code PUT file:///…} keeps its {@code 0A000}).
     */
    public StatementAnalysis analyze(String sql) throws QueryException {
        Parsed parsed;
        try {
            parsed = SnowflakeParser.parse(sql);
        } catch (ParseFailure e) {
            AmbiguousText.refuse(sql);
            StatementKind kind = StatementKinds.ofText(sql);
            String engineSql = kind == StatementKind.DDL ? DdlTypes.rewrite(sql) : sql;
            return new StatementAnalysis(sql, kind, List.of(), FallbackTargets.of(sql), List.of(), engineSql, false);
        }
        AmbiguousText.refuse(sql);
        return analyze(sql, parsed);
    }

    /** Transpiles strictly: {@code 42601} with the position when the parser cannot read the statement. */
    public String transpile(String sql) throws QueryException {
        try {
            return analyze(sql, SnowflakeParser.parse(sql)).engineSql();
        } catch (ParseFailure e) {
            throw new QueryException(SqlState.SYNTAX_ERROR,
                    e.getMessage() + " at line " + e.line() + ", column " + e.column(), e);
        }
    }

    private StatementAnalysis analyze(String sql, Parsed parsed) throws QueryException {
        SqlNode node = parsed.node();
        StatementKind kind = StatementKinds.of(node);
        TableCollector tables = new TableCollector().collect(node);
        List<ColumnLineage> lineage = kind == StatementKind.QUERY ? new LineageResolver().resolve(node) : List.of();
        String engineSql;
        if (kind == StatementKind.DDL) {
            engineSql = ddl(sql, parsed);
        } else if (kind == StatementKind.UTILITY || readsCatalog(tables.read())) {
            engineSql = sql;
        } else {
            engineSql = rewrite(sql, parsed);
        }
        return new StatementAnalysis(sql, kind, tables.read(), tables.written(), lineage, engineSql, true);
    }

    /**
     * DDL passes as written with Snowflake type names mapped; the query of {@code CREATE TABLE|VIEW … AS
     * query} is transpiled like any query.
     */
    private static String ddl(String sql, Parsed parsed) throws QueryException {
        SqlNode query = null;
        if (parsed.node() instanceof org.apache.calcite.sql.SqlCall call) {
            for (SqlNode each : call.getOperandList()) {
                if (each != null && (SqlKind.QUERY.contains(each.getKind()) || each.getKind() == SqlKind.WITH
                        || each.getKind() == SqlKind.ORDER_BY)) {
                    query = each;
                }
            }
        }
        if (query == null) {
            return DdlTypes.rewrite(sql);
        }
        int start = parsed.sourceOffset(query);
        String head = sql.substring(0, Math.min(start, sql.length()));
        if (!head.stripTrailing().toUpperCase(Locale.ROOT).endsWith("AS")) {
            return DdlTypes.rewrite(sql);
        }
        String body = rewrite(SnowflakeParserSupport.withoutSemicolon(sql.substring(head.length())),
                new Parsed(query, parsed.quotedNames(), true, parsed.parsedText(), parsed.positions()));
        return DdlTypes.rewrite(head) + body;
    }

    private static String rewrite(String sql, Parsed parsed) throws QueryException {
        SqlNode node = parsed.node();
        SqlNode rewritten = node;
        try {
            ConstructShuttle constructs = new ConstructShuttle();
            rewritten = rewritten.accept(constructs);
            for (SqlShuttle each : List.of(new NullOrderingShuttle(), new FunctionShuttle(),
                    new CastShuttle(constructs.flattenAliases()))) {
                rewritten = rewritten.accept(each);
            }
        } catch (RefusedConstruct e) {
            throw new QueryException(SqlState.FEATURE_NOT_SUPPORTED,
                    "Snowflake construct not supported: " + e.construct());
        }
        if (rewritten == node && !parsed.preprocessed()) {
            return sql;
        }
        DuckDbSqlDialect dialect = new DuckDbSqlDialect(parsed.quotedNames());
        return rewritten.toSqlString(config -> config.withDialect(dialect)
                        .withQuoteAllIdentifiers(false)
                        .withAlwaysUseParentheses(false)
                        .withClauseStartsLine(false)
                        .withClauseEndsLine(false)
                        .withSelectListItemsOnSeparateLines(false)
                        .withWhereListItemsOnSeparateLines(false)
                        .withCaseClausesOnNewLines(false)
                        .withWindowNewline(false)
                        .withWindowDeclListNewline(false)
                        .withValuesListNewline(false)
                        .withUpdateSetListNewline(false)
                        .withIndentation(0))
                .getSql();
    }

    private static boolean readsCatalog(List<TableReference> tables) {
        for (TableReference each : tables) {
            String schema = each.schema() == null ? "" : each.schema().toLowerCase(Locale.ROOT);
            String name = each.name().toLowerCase(Locale.ROOT);
            if (schema.equals("pg_catalog") || schema.equals("information_schema") || name.startsWith("pg_")
                    || name.startsWith("duckdb_") || schema.equals("system")) {
                return true;
            }
        }
        return false;
    }
}

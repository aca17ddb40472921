package io.hatidata.resultcache;

import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.api.sql.StatementKind;
import io.hatidata.api.sql.TableReference;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a statement means for the cache: whether its result may be cached ({@link #cacheability}) and what
 * it may change ({@link #effect}). Both err on the safe side: a statement the rules are unsure about is
 * not cached, and a statement that might write is a write of the whole environment.
 */
final class StatementRules {

    /** Functions whose value changes between calls, sessions or over time, or that read outside the database. */
    static final Set<String> VOLATILE_FUNCTIONS = Set.of("now", "random", "rand", "setseed", "uuid",
            "gen_random_uuid", "uuidv4", "uuidv7", "nextval", "currval", "lastval", "setval", "set_config",
            "clock_timestamp", "statement_timestamp", "transaction_timestamp", "timeofday", "today", "sleep",
            "query", "query_table", "glob", "getenv", "version", "user", "sniff_csv", "parquet_scan",
            "parquet_metadata", "parquet_schema", "iceberg_scan", "delta_scan", "which_secret", "txid_current");
    /** Name prefixes of such functions: file readers, settings, catalog, session and clock functions. */
    static final List<String> VOLATILE_PREFIXES = List.of("read_", "current_", "get_current_", "duckdb_", "pg_",
            "txid_", "inet_", "session_", "localtime");
    /** Words that are such values without parentheses (SQL's special value functions) or sample rows. */
    static final Set<String> VOLATILE_WORDS = Set.of("current_date", "current_time", "current_timestamp", "localtime",
            "localtimestamp", "current_user", "session_user", "current_role", "current_schema", "current_catalog",
            "current_database", "user", "sample", "tablesample", "using_sample");
    /** Schemas whose tables describe the catalog or the session (changed by DDL and settings, not by writes). */
    private static final Set<String> CATALOG_SCHEMAS = Set.of("information_schema", "pg_catalog", "system", "temp");
    private static final List<String> CATALOG_PREFIXES = List.of("pg_", "duckdb_", "sqlite_");
    /** First words of statements that change neither data nor how names resolve. */
    private static final Set<String> HARMLESS = Set.of("begin", "start", "commit", "end", "rollback", "abort",
            "savepoint", "release", "show", "describe", "summarize", "prepare", "deallocate");
    /** First words of statements that change a session's (or the database's) settings or name resolution. */
    private static final Set<String> SESSION_CHANGING = Set.of("set", "reset", "use", "pragma", "attach", "detach",
            "load", "install", "call", "import", "export");
    /** First words of read-only statements the parser may not read. */
    private static final Set<String> READS = Set.of("select", "values", "table", "from", "show", "describe", "summarize", "explain");

    private StatementRules() {}

    /** Why a statement's result is not cached, or {@code null} when it may be. */
    static String cacheability(StatementAnalysis analysis, SqlText engineSql, java.util.function.Predicate<String> macro) {
        if (analysis == null || !analysis.analyzed()) {
            return "not analysed";
        }
        if (analysis.kind() != StatementKind.QUERY) {
            return "not a query";
        }
        if (analysis.tablesRead().isEmpty()) {
            return "reads no table";
        }
        for (TableReference table : analysis.tablesRead()) {
            if (catalog(table)) {
                return "reads the catalog: " + table;
            }
        }
        String first = engineSql.firstWord();
        if (!first.equals("select") && !first.equals("with") && !first.equals("values") && !first.equals("from")
                && !first.equals("table")) {
            return "not a plain query";
        }
        for (SqlText.Word word : engineSql.words()) {
            if (VOLATILE_WORDS.contains(word.text())) {
                return "not deterministic: " + word.text();
            }
            if (word.called() && volatileFunction(word.text())) {
                return "not deterministic: " + word.text() + "()";
            }
            if (word.called() && macro.test(word.text())) {
                return "calls a macro: " + word.text() + "()";
            }
        }
        return null;
    }

    static boolean volatileFunction(String name) {
        if (VOLATILE_FUNCTIONS.contains(name)) {
            return true;
        }
        for (String prefix : VOLATILE_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return name.endsWith("_scan");
    }

    private static boolean catalog(TableReference table) {
        for (String part : table.parts()) {
            if (CATALOG_SCHEMAS.contains(part.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        String name = table.name().toLowerCase(Locale.ROOT);
        for (String prefix : CATALOG_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** What running a statement may change. */
    record Effect(boolean writes, List<String> tables, boolean changesSession) {
        static final Effect NONE = new Effect(false, List.of(), false);

        /** A write of these tables; empty: of the whole environment. */
        static Effect write(List<String> tables) {
            return new Effect(true, List.copyOf(tables), false);
        }

        static Effect environmentWrite(boolean changesSession) {
            return new Effect(true, List.of(), changesSession);
        }

        boolean environmentWide() {
            return writes && tables.isEmpty();
        }
    }

    /**
     * The effect of a statement: nothing for reads and transaction control; a write of its tables for
     * analysed INSERT, UPDATE, DELETE and MERGE; a write of the whole environment for DDL (the catalog
     * changes: views, renames, drops), COPY, CALL, unanalysed statements that are not plain reads and
     * everything else. Settings, {@code USE}, {@code ATTACH}, {@code PRAGMA}, {@code LOAD} and temporary
     * objects also change how the session's later statements resolve, so that session caches no more.
     */
    static Effect effect(StatementAnalysis analysis, SqlText sql) {
        String first = sql.firstWord();
        if (analysis == null || !analysis.analyzed()) {
            if (READS.contains(first) || HARMLESS.contains(first)) {
                return explainAnalyze(sql) ? Effect.environmentWrite(false) : Effect.NONE;
            }
            return Effect.environmentWrite(SESSION_CHANGING.contains(first) || temporary(sql));
        }
        StatementKind kind = analysis.kind();
        if (kind == StatementKind.QUERY) {
            return Effect.NONE;
        }
        if (kind.writesData()) {
            List<String> tables = new ArrayList<>();
            for (TableReference table : analysis.tablesWritten()) {
                tables.add(table.normalizedName());
            }
            return tables.isEmpty() ? Effect.environmentWrite(false) : Effect.write(new ArrayList<>(new LinkedHashSet<>(tables)));
        }
        if (kind == StatementKind.UTILITY && HARMLESS.contains(first) && !explainAnalyze(sql)) {
            return Effect.NONE;
        }
        if (kind == StatementKind.UTILITY && first.equals("explain") && !explainAnalyze(sql)) {
            return Effect.NONE;
        }
        return Effect.environmentWrite(SESSION_CHANGING.contains(first) || temporary(sql));
    }

    /** {@code EXPLAIN ANALYZE} runs the statement it explains. */
    private static boolean explainAnalyze(SqlText sql) {
        List<SqlText.Word> words = sql.words();
        return words.size() > 1 && words.get(0).text().equals("explain")
                && (words.get(1).text().equals("analyze") || words.get(1).text().equals("analyse"));
    }

    /** {@code CREATE [OR REPLACE] TEMP|TEMPORARY …}: an object only this session sees. */
    private static boolean temporary(SqlText sql) {
        List<SqlText.Word> words = sql.words();
        if (words.isEmpty() || !words.get(0).text().equals("create")) {
            return false;
        }
        for (int i = 1; i < Math.min(words.size(), 5); i++) {
            String word = words.get(i).text();
            if (word.equals("temp") || word.equals("temporary")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The name a {@code CREATE [OR REPLACE] [TEMP] MACRO|FUNCTION name(…)} defines (lower case), else
     * {@code null}: a macro may wrap a volatile function, so queries calling it are not cached.
     */
    static String macroDefined(SqlText sql) {
        List<SqlText.Word> words = sql.words();
        if (words.isEmpty() || !words.get(0).text().equals("create")) {
            return null;
        }
        boolean seen = false;
        for (int i = 1; i < Math.min(words.size(), 10); i++) {
            SqlText.Word word = words.get(i);
            if (!seen) {
                seen = i < 5 && (word.text().equals("macro") || word.text().equals("function"));
            } else if (word.called()) {
                return word.text();
            }
        }
        return null;
    }

    /** The tracked names of the tables a query reads, sorted, each once. */
    static List<String> tablesRead(StatementAnalysis analysis) {
        Set<String> names = new java.util.TreeSet<>();
        for (TableReference table : analysis.tablesRead()) {
            names.add(TableVersions.key(table.normalizedName()));
        }
        return List.copyOf(names);
    }
}

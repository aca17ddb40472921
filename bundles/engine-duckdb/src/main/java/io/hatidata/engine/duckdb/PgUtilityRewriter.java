package io.hatidata.engine.duckdb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL forms of utility statements that DuckDB spells differently, as tools send them (pgbench's
 * initialisation, pgjdbc's isolation levels, psql):
 *
 * <ul>
 *   <li>{@code SHOW search_path} reads DuckDB's setting;</li>
 *   <li>{@code BEGIN ISOLATION LEVEL …, READ WRITE} becomes {@code BEGIN}: DuckDB runs every transaction
 *       with snapshot isolation, at least as strong as any level asked for;</li>
 *   <li>{@code DROP TABLE a, b} and {@code TRUNCATE a, b} become one statement per table;</li>
 *   <li>{@code CREATE TABLE … WITH (fillfactor=…)} loses the storage parameters, which DuckDB has none of.</li>
 * </ul>
 */
final class PgUtilityRewriter {
    private static final Pattern SHOW_SEARCH_PATH = Pattern.compile("(?is)\\s*SHOW\\s+search_path\\s*;?\\s*");
    private static final Pattern BEGIN_WITH_MODES = Pattern.compile("(?is)\\s*(?:BEGIN|START\\s+TRANSACTION)"
            + "(?:\\s+(?:TRANSACTION|WORK))?((?:\\s*,?\\s*(?:ISOLATION\\s+LEVEL\\s+(?:READ\\s+COMMITTED|READ\\s+UNCOMMITTED"
            + "|REPEATABLE\\s+READ|SERIALIZABLE)|READ\\s+WRITE|NOT\\s+DEFERRABLE))+)\\s*;?\\s*");
    private static final String NAME = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)(?:\\.(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*))*";
    private static final Pattern DROP_LIST = Pattern.compile("(?is)\\s*(DROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?)("
            + NAME + "(?:\\s*,\\s*" + NAME + ")+)(\\s+(?:CASCADE|RESTRICT))?\\s*;?\\s*");
    private static final Pattern TRUNCATE_LIST = Pattern.compile("(?is)\\s*(TRUNCATE\\s+(?:TABLE\\s+)?)("
            + NAME + "(?:\\s*,\\s*" + NAME + ")+)\\s*;?\\s*");
    private static final Pattern CREATE_WITH = Pattern.compile(
            "(?is)(\\s*CREATE\\s+(?:(?:TEMP|TEMPORARY|UNLOGGED)\\s+)?TABLE\\s.*\\))\\s*WITH\\s*\\([^()]*\\)\\s*;?\\s*");

    private PgUtilityRewriter() {}

    /** The DuckDB form of the statement, or the same string when it needs none. */
    static String rewrite(String sql) {
        if (sql.length() > 4096) {
            return sql;
        }
        String head = sql.stripLeading().toLowerCase(Locale.ROOT);
        if (head.startsWith("show") && SHOW_SEARCH_PATH.matcher(sql).matches()) {
            return "SELECT coalesce(nullif(current_setting('search_path'), ''), 'main') AS search_path";
        }
        if ((head.startsWith("begin") || head.startsWith("start")) && BEGIN_WITH_MODES.matcher(sql).matches()) {
            return "BEGIN";
        }
        if (head.startsWith("drop")) {
            Matcher drop = DROP_LIST.matcher(sql);
            if (drop.matches()) {
                return perTable(drop.group(1), drop.group(2), drop.group(3) == null ? "" : drop.group(3));
            }
        }
        if (head.startsWith("truncate")) {
            Matcher truncate = TRUNCATE_LIST.matcher(sql);
            if (truncate.matches()) {
                return perTable(truncate.group(1), truncate.group(2), "");
            }
        }
        if (head.startsWith("create")) {
            Matcher create = CREATE_WITH.matcher(sql);
            if (create.matches()) {
                return create.group(1);
            }
        }
        return sql;
    }

    private static String perTable(String prefix, String list, String suffix) {
        List<String> statements = new ArrayList<>();
        for (String table : splitNames(list)) {
            statements.add(prefix.trim() + " " + table + suffix);
        }
        return String.join("; ", statements);
    }

    private static List<String> splitNames(String list) {
        List<String> names = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : list.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                names.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        names.add(current.toString().trim());
        return names;
    }
}

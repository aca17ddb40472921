package io.hatidata.engine.duckdb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rewrites the catalog queries that Postgres clients send (psql's {@code \d} family, pgjdbc's
 * {@code DatabaseMetaData}, BI tools on connect) into SQL DuckDB can run against the shims of
 * {@code pg_catalog.sql}. Works on tokens, so string literals, quoted identifiers and comments are never
 * changed, and touches only what it recognises:
 *
 * <ul>
 *   <li>{@code pg_catalog.pg_class c} and {@code pg_class} become {@code hd_pg_class() c} /
 *       {@code hd_pg_class() AS pg_class} for the catalog tables DuckDB lacks or answers wrongly;</li>
 *   <li>catalog functions ({@code pg_get_userbyid(…)}, {@code format_type(…)}, …) become their
 *       {@code hd_} shims; the {@code pg_catalog.} qualifier is dropped elsewhere;</li>
 *   <li>{@code OPERATOR(pg_catalog.~)} becomes {@code ~}; {@code COLLATE pg_catalog.default} goes;</li>
 *   <li>{@code x ~ 'pattern'} keeps PostgreSQL's find-anywhere meaning (DuckDB's {@code ~} matches the
 *       whole string);</li>
 *   <li>{@code 'name'::regclass} becomes an OID lookup, other {@code reg*} casts become plain OIDs.</li>
 * </ul>
 */
final class PgCatalogRewriter {
    static final Set<String> TABLES = Set.of(
            "pg_class", "pg_namespace", "pg_attribute", "pg_type", "pg_index", "pg_constraint", "pg_database",
            "pg_roles", "pg_user", "pg_am", "pg_attrdef", "pg_description", "pg_collation", "pg_settings",
            "pg_tablespace", "pg_inherits", "pg_policy", "pg_publication", "pg_publication_namespace",
            "pg_publication_rel", "pg_statistic_ext", "pg_auth_members", "pg_trigger", "pg_rewrite",
            "pg_extension", "pg_enum", "pg_range", "pg_foreign_table", "pg_partitioned_table", "pg_depend",
            "pg_available_extensions", "pg_shdescription", "pg_conversion", "pg_language", "pg_event_trigger",
            "pg_foreign_data_wrapper", "pg_foreign_server");

    static final Set<String> FUNCTIONS = Set.of(
            "pg_get_userbyid", "pg_encoding_to_char", "pg_get_expr", "pg_get_constraintdef", "pg_get_indexdef",
            "format_type", "obj_description", "col_description", "shobj_description",
            "pg_relation_is_publishable", "pg_get_statisticsobjdef_columns", "pg_table_is_visible",
            "pg_type_is_visible", "array_upper", "array_lower", "has_table_privilege", "has_schema_privilege",
            "has_database_privilege", "pg_has_role", "pg_is_in_recovery", "pg_total_relation_size",
            "pg_relation_size", "pg_tablespace_location", "pg_get_keywords", "pg_database_size",
            "pg_stat_get_numscans", "pg_get_partkeydef");

    private static final Set<String> OID_TYPES = Set.of("regclass", "regtype", "regnamespace", "regrole",
            "regoper", "regoperator", "regconfig", "regdictionary");
    private static final Set<String> REGEX_OPERATORS = Set.of("~", "!~", "~*", "!~*");
    private static final Set<String> PROC_TYPES = Set.of("regproc", "regprocedure");

    /** Words after a table name that start the next clause rather than name an alias. */
    private static final Set<String> NOT_ALIAS = Set.of("where", "join", "left", "right", "inner", "outer",
            "full", "cross", "natural", "on", "using", "order", "group", "having", "limit", "offset", "union",
            "except", "intersect", "window", "lateral", "fetch", "for", "returning", "as", "qualify");

    private static final java.util.regex.Pattern CATALOG_NAME =
            java.util.regex.Pattern.compile("pg_[a-z0-9_]+");

    private PgCatalogRewriter() {}

    /** A cheap first look: could this statement touch the catalog at all. */
    static boolean mayNeedRewrite(String sql) {
        String lower = sql.toLowerCase(Locale.ROOT);
        return lower.contains("pg_") || lower.contains("format_type") || lower.contains("_description")
                || lower.contains("array_upper") || lower.contains("array_lower") || lower.contains("privilege")
                || lower.contains("::reg");
    }

    /** The rewritten statement, or the same string when nothing needed rewriting. */
    static String rewrite(String sql) {
        List<SqlToken> tokens = new ArrayList<>(SqlToken.scan(sql));
        StringBuilder out = new StringBuilder(sql.length() + 64);
        boolean changed = unquoteCatalogNames(tokens);
        changed |= nameSeriesColumns(tokens);
        int lastSignificant = -1;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            if (token.isTrivia()) {
                out.append(token.text());
                continue;
            }
            int next = nextSignificant(tokens, i + 1);
            if (token.isWord("operator") && isPunct(tokens, next, "(")) {
                int close = operatorClose(tokens, next);
                if (close > 0) {
                    out.append(' ').append(lastOperator(tokens, next + 1, close)).append(' ');
                    i = close;
                    changed = true;
                    continue;
                }
            }
            if (token.isWord("collate") && isWord(tokens, next, "pg_catalog")) {
                int dot = nextSignificant(tokens, next + 1);
                if (isPunct(tokens, dot, ".")) {
                    i = nextSignificant(tokens, dot + 1);
                    changed = true;
                    continue;
                }
            }
            if ((token.isWord("pg_catalog") || token.isWord("information_schema")) && isPunct(tokens, next, ".")) {
                int name = nextSignificant(tokens, next + 1);
                if (token.isWord("pg_catalog") || isWord(tokens, name, "_pg_expandarray")) {
                    i = next;
                    changed = true;
                    continue;
                }
            }
            if (token.kind() == SqlToken.Kind.WORD && !isPunct(tokens, lastSignificant, ".")) {
                String word = token.lower();
                if (word.equals("_pg_expandarray") && isPunct(tokens, next, "(")) {
                    out.append("hd_pg_expandarray");
                    changed = true;
                    lastSignificant = i;
                    continue;
                }
                if (FUNCTIONS.contains(word) && isPunct(tokens, next, "(")) {
                    out.append("hd_").append(word);
                    changed = true;
                    lastSignificant = i;
                    continue;
                }
                if (TABLES.contains(word) && !isPunct(tokens, next, ".") && !isPunct(tokens, next, "(")
                        && afterFromOrJoin(tokens, lastSignificant)) {
                    out.append("hd_").append(word).append("()");
                    if (!startsAlias(tokens, next)) {
                        out.append(" AS ").append(word);
                    }
                    changed = true;
                    lastSignificant = i;
                    continue;
                }
            }
            if (token.kind() == SqlToken.Kind.STRING && isArrayLiteralCast(tokens, i)) {
                // PostgreSQL's '{a,b}'::text[]; DuckDB reads arrays only as ['a', 'b']
                out.append(listLiteral(token.text()));
                lastSignificant = i;
                changed = true;
                continue;
            }
            if (REGEX_OPERATORS.contains(token.text()) && next < tokens.size()
                    && tokens.get(next).kind() == SqlToken.Kind.STRING && tokens.get(next).text().startsWith("'")) {
                // PostgreSQL's ~ finds the pattern anywhere; DuckDB's ~ must match the whole string
                boolean insensitive = token.text().endsWith("*");
                String literal = tokens.get(next).text();
                out.append(token.text().replace("*", "")).append(' ')
                        .append(insensitive ? "'(?is).*(?:" : "'(?s).*(?:")
                        .append(literal, 1, literal.length() - 1).append(").*'");
                i = next;
                lastSignificant = next;
                changed = true;
                continue;
            }
            if (token.isPunct("::")) {
                int typeAt = nextSignificant(tokens, i + 1);
                if (isWord(tokens, typeAt, "pg_catalog") && isPunct(tokens, nextSignificant(tokens, typeAt + 1), ".")) {
                    typeAt = nextSignificant(tokens, nextSignificant(tokens, typeAt + 1) + 1);
                }
                String type = typeAt < tokens.size() ? tokens.get(typeAt).lower() : "";
                boolean literalBefore = lastSignificant >= 0
                        && tokens.get(lastSignificant).kind() == SqlToken.Kind.STRING;
                if (OID_TYPES.contains(type) || PROC_TYPES.contains(type)) {
                    if (literalBefore) {
                        String literal = tokens.get(lastSignificant).text();
                        int start = out.lastIndexOf(literal);
                        out.setLength(start);
                        out.append(type.equals("regclass") ? "hd_regclass(" + literal + ")"
                                : PROC_TYPES.contains(type) ? literal.replace("pg_catalog.", "")
                                : "(" + literal + ")::BIGINT");
                    } else {
                        out.append(PROC_TYPES.contains(type) ? "::VARCHAR" : "::BIGINT");
                    }
                    i = typeAt;
                    lastSignificant = typeAt;
                    changed = true;
                    continue;
                }
            }
            out.append(token.text());
            lastSignificant = i;
        }
        return changed ? out.toString() : sql;
    }

    /**
     * {@code FROM generate_series(…) s} names a one-column relation whose column PostgreSQL lets you use
     * as {@code s}; DuckDB would see the whole row, so the column gets the alias's name: {@code s(s)}.
     */
    private static boolean nameSeriesColumns(List<SqlToken> tokens) {
        boolean changed = false;
        int previous = -1;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).isTrivia()) {
                continue;
            }
            int open = nextSignificant(tokens, i + 1);
            if (tokens.get(i).isWord("generate_series") && afterFromOrJoin(tokens, previous)
                    && isPunct(tokens, open, "(")) {
                int close = matchingParenthesis(tokens, open);
                int alias = nextSignificant(tokens, close + 1);
                if (isWord(tokens, alias, "as")) {
                    alias = nextSignificant(tokens, alias + 1);
                }
                if (close > 0 && startsAlias(tokens, alias) && !isPunct(tokens, nextSignificant(tokens, alias + 1), "(")) {
                    tokens.add(alias + 1, new SqlToken(SqlToken.Kind.PUNCT, "(" + tokens.get(alias).text() + ")"));
                    changed = true;
                }
            }
            if (!tokens.get(i).isWord("pg_catalog") && !tokens.get(i).isPunct(".")) {
                previous = i;
            }
        }
        return changed;
    }

    /**
     * Quoted catalog names ({@code "pg_catalog"."pg_class"}, as query builders such as Metabase's write
     * them) become the bare names the rest of the rewrite knows: the schemas {@code "pg_catalog"} and
     * {@code "information_schema"}, and a lower-case name qualified by {@code pg_catalog}. A quoted name
     * of the client's own ({@code "pg_type"} as a column) stays as it is.
     */
    private static boolean unquoteCatalogNames(List<SqlToken> tokens) {
        boolean changed = false;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            if (token.kind() != SqlToken.Kind.QUOTED_IDENTIFIER || token.text().length() < 3) {
                continue;
            }
            String name = token.text().substring(1, token.text().length() - 1);
            boolean schema = name.equals("pg_catalog") || name.equals("information_schema");
            boolean qualified = i >= 2 && tokens.get(i - 1).isPunct(".") && tokens.get(i - 2).isWord("pg_catalog")
                    && CATALOG_NAME.matcher(name).matches();
            if (schema || qualified) {
                tokens.set(i, new SqlToken(SqlToken.Kind.WORD, name));
                changed = true;
            }
        }
        return changed;
    }

    /** A {@code '{…}'} literal cast to an array type: {@code ::text[]}, {@code ::pg_catalog.int4[]}. */
    private static boolean isArrayLiteralCast(List<SqlToken> tokens, int literal) {
        String text = tokens.get(literal).text();
        if (!text.startsWith("'{") || !text.endsWith("}'")) {
            return false;
        }
        int cast = nextSignificant(tokens, literal + 1);
        if (!isPunct(tokens, cast, "::")) {
            return false;
        }
        int type = nextSignificant(tokens, cast + 1);
        if (isWord(tokens, type, "pg_catalog") && isPunct(tokens, nextSignificant(tokens, type + 1), ".")) {
            type = nextSignificant(tokens, nextSignificant(tokens, type + 1) + 1);
        }
        if (type >= tokens.size() || tokens.get(type).kind() != SqlToken.Kind.WORD) {
            return false;
        }
        int open = nextSignificant(tokens, type + 1);
        return isPunct(tokens, open, "[") && isPunct(tokens, nextSignificant(tokens, open + 1), "]");
    }

    /**
     * The DuckDB list literal for a one-dimensional PostgreSQL array literal: elements split on commas
     * outside double quotes, {@code "…"} unquoted with backslash escapes, an unquoted {@code NULL} as NULL.
     */
    static String listLiteral(String quotedLiteral) {
        String body = quotedLiteral.substring(2, quotedLiteral.length() - 2).replace("''", "'");
        List<String> elements = new ArrayList<>();
        StringBuilder element = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                element.append(body.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                wasQuoted = true;
            } else if (c == ',' && !quoted) {
                elements.add(listElement(element.toString(), wasQuoted));
                element.setLength(0);
                wasQuoted = false;
            } else {
                element.append(c);
            }
        }
        if (!body.isBlank() || wasQuoted) {
            elements.add(listElement(element.toString(), wasQuoted));
        }
        return "[" + String.join(", ", elements) + "]";
    }

    private static String listElement(String element, boolean wasQuoted) {
        String value = wasQuoted ? element : element.strip();
        if (!wasQuoted && value.equalsIgnoreCase("null")) {
            return "NULL";
        }
        return "'" + value.replace("'", "''") + "'";
    }

    private static int matchingParenthesis(List<SqlToken> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).isPunct("(")) {
                depth++;
            } else if (tokens.get(i).isPunct(")") && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean afterFromOrJoin(List<SqlToken> tokens, int previous) {
        if (previous < 0) {
            return false;
        }
        SqlToken token = tokens.get(previous);
        // FROM a, b: a comma in a FROM list; a comma in a select list cannot precede a bare catalog table name
        return token.isWord("from") || token.isWord("join") || token.isPunct(",");
    }

    private static boolean startsAlias(List<SqlToken> tokens, int index) {
        if (index >= tokens.size()) {
            return false;
        }
        SqlToken token = tokens.get(index);
        if (token.isWord("as")) {
            return true;
        }
        return (token.kind() == SqlToken.Kind.WORD && !NOT_ALIAS.contains(token.lower()))
                || token.kind() == SqlToken.Kind.QUOTED_IDENTIFIER;
    }

    private static String lastOperator(List<SqlToken> tokens, int from, int close) {
        String operator = "";
        for (int i = from; i < close; i++) {
            SqlToken token = tokens.get(i);
            if (token.kind() == SqlToken.Kind.PUNCT && !token.isPunct(".")) {
                operator = token.text();
            }
        }
        return operator;
    }

    /**
     * The index of the {@code )} of {@code OPERATOR([pg_catalog.]op)} whose {@code (} is at {@code open},
     * or -1 when anything else stands inside: a comment or literal there must never be dropped with it (the
     * rewrite runs after governance; dropping a comment opener would change what DuckDB runs).
     */
    private static int operatorClose(List<SqlToken> tokens, int open) {
        for (int i = open + 1; i < tokens.size() && i < open + 16; i++) {
            SqlToken token = tokens.get(i);
            if (token.isPunct(")")) {
                return i;
            }
            boolean allowed = token.kind() == SqlToken.Kind.WHITESPACE
                    || (token.kind() == SqlToken.Kind.PUNCT && !token.isPunct("(") && !token.isPunct(";"))
                    || token.isWord("pg_catalog");
            if (!allowed) {
                return -1;
            }
        }
        return -1;
    }

    private static int nextSignificant(List<SqlToken> tokens, int from) {
        int i = from;
        while (i < tokens.size() && tokens.get(i).isTrivia()) {
            i++;
        }
        return i;
    }

    private static boolean isPunct(List<SqlToken> tokens, int index, String punct) {
        return index >= 0 && index < tokens.size() && tokens.get(index).isPunct(punct);
    }

    private static boolean isWord(List<SqlToken> tokens, int index, String word) {
        return index >= 0 && index < tokens.size() && tokens.get(index).isWord(word);
    }

    /** The macro names the shim script defines for the rewritten tables, for tests. */
    static List<String> shimTableMacros() {
        List<String> names = new ArrayList<>();
        TABLES.forEach(table -> names.add("hd_" + table));
        return names;
    }
}

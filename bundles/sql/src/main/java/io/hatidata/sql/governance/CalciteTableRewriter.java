package io.hatidata.sql.governance;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import io.hatidata.api.sql.GovernedTable;
import io.hatidata.api.sql.TableRewriter;
import io.hatidata.sql.governance.ReferenceFinder.Occurrence;
import io.hatidata.sql.governance.ReferenceFinder.Target;
import io.hatidata.sql.parse.SnowflakeParser;
import io.hatidata.sql.parse.SnowflakeParser.ParseFailure;
import io.hatidata.sql.parse.SnowflakeParser.Parsed;
import io.hatidata.sql.parse.Token;
import io.hatidata.sql.parse.Tokenizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlIdentifier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link TableRewriter}: finds governed references on the parse tree ({@link ReferenceFinder}),
 * splices the sub-queries into the client's text at the positions the parser reports (so the rest of the
 * statement stays exactly as the client wrote it, for the translator that follows), then parses the result
 * again and checks that every governed reference left is one inside a sub-query it inserted. Anything
 * else is refused with {@code 42501}.
 *
 * <p>Fast paths, in order: a statement that provably names no governed table comes back as it is without
 * a parse ({@link NameScreen}); then the exact and literal-insensitive caches ({@link RewriteCache}).
 * Configuration PID {@value #PID} ({@code cacheSize}, {@code maxCachedLength}); a configuration change
 * replaces the component and so empties the caches.
 */
@Component(configurationPid = CalciteTableRewriter.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = TableRewriter.class)
@Designate(ocd = CalciteTableRewriterConfig.class)
public final class CalciteTableRewriter implements TableRewriter {
    /** The configuration PID. */
    public static final String PID = "io.hatidata.sql.governance";

    private final RewriteCache cache;

    @Activate
    public CalciteTableRewriter(CalciteTableRewriterConfig config) {
        this(config.cacheSize(), config.maxCachedLength());
    }

    /** A rewriter without caches (the fast path for statements naming no governed table still applies). */
    public CalciteTableRewriter() {
        this(0, 0);
    }

    /** A rewriter whose caches keep this many entries each, for statements up to {@code maxCachedLength}. */
    public CalciteTableRewriter(int cacheSize, int maxCachedLength) {
        this.cache = new RewriteCache(cacheSize, maxCachedLength);
    }

    /** Where a piece of text replaces a span of the statement. */
    private record Splice(int start, int end, String text) {}

    @Override
    public String rewrite(String sql, List<GovernedTable> tables) throws QueryException {
        if (tables.isEmpty() || NameScreen.cannotReference(sql, tables)) {
            return sql;
        }
        return cache.rewrite(sql, tables, text -> fullRewrite(text, tables));
    }

    RewriteCache cache() {
        return cache;
    }

    /** Parse, rewrite, parse again and verify. */
    static String fullRewrite(String sql, List<GovernedTable> tables) throws QueryException {
        try {
            return rewrite(sql, new GovernedNames(tables));
        } catch (Unsafe e) {
            String policy = e.table() == null ? tables.get(0).policy() : e.table().policy();
            String table = e.table() == null ? "" : " (" + e.table().table() + ")";
            throw new QueryException(SqlState.INSUFFICIENT_PRIVILEGE,
                    "permission denied by policy " + policy + ": " + e.getMessage() + table);
        }
    }

    private static String rewrite(String sql, GovernedNames names) throws Unsafe {
        Parsed parsed;
        try {
            parsed = SnowflakeParser.parse(sql);
        } catch (ParseFailure | QueryException e) {
            unreadable(sql, names);
            return sql;
        }
        ReferenceFinder finder = new ReferenceFinder(names).statement(parsed.node());
        if (finder.occurrences().isEmpty() && finder.targets().isEmpty()) {
            return sql;
        }
        List<Token> tokens = Tokenizer.tokenize(sql);
        List<Splice> splices = new ArrayList<>();
        for (Occurrence each : finder.occurrences()) {
            splices.add(replacement(sql, tokens, parsed.sourceOffset(each.id()), each));
        }
        for (Target each : finder.targets()) {
            splices.addAll(targetFilter(sql, tokens, each));
        }
        splices.sort(Comparator.comparingInt(Splice::start));
        StringBuilder result = new StringBuilder();
        List<int[]> inserted = new ArrayList<>();
        int at = 0;
        for (Splice each : splices) {
            if (each.start() < at) {
                throw new Unsafe(null, "overlapping references cannot be rewritten");
            }
            result.append(sql, at, each.start());
            inserted.add(new int[] {result.length(), result.length() + each.text().length()});
            result.append(each.text());
            at = each.end();
        }
        result.append(sql.substring(at));
        String rewritten = result.toString();
        verify(rewritten, names, inserted, finder);
        return rewritten;
    }

    /**
     * A statement the parser cannot read passes only if it names no governed table (a word or quoted name
     * outside literals and comments, found by the {@link Tokenizer}, which lexes as DuckDB does) and runs no
     * dynamic SQL (the name of such a function before a parenthesis).
     */
    private static void unreadable(String sql, GovernedNames names) throws Unsafe {
        List<Token> tokens = significant(Tokenizer.tokenize(sql));
        for (int i = 0; i < tokens.size(); i++) {
            Token each = tokens.get(i);
            String word = word(each);
            if (word == null) {
                continue;
            }
            GovernedTable governed = names.ofWord(word);
            if (governed != null) {
                throw new Unsafe(governed, "a statement the analyser cannot read names a governed table");
            }
            if (ReferenceFinder.DYNAMIC_FUNCTIONS.contains(word.toLowerCase(Locale.ROOT)) && i + 1 < tokens.size()
                    && tokens.get(i + 1).isSymbol("(")) {
                throw new Unsafe(null, "dynamic SQL (" + word.toLowerCase(Locale.ROOT)
                        + ") cannot be checked against policies");
            }
        }
    }

    private static Splice replacement(String sql, List<Token> tokens, int offset, Occurrence occurrence)
            throws Unsafe {
        SqlIdentifier id = occurrence.id();
        int index = tokenAt(tokens, offset);
        int start = -1;
        int end = -1;
        for (int part = 0; part < id.names.size(); part++) {
            if (part > 0) {
                index = next(tokens, index);
                if (index < 0 || !tokens.get(index).isSymbol(".")) {
                    throw new Unsafe(occurrence.table(), "the reference cannot be located in the statement");
                }
                index = next(tokens, index);
            }
            String word = index < 0 ? null : word(tokens.get(index));
            if (word == null || !word.equalsIgnoreCase(id.names.get(part))) {
                throw new Unsafe(occurrence.table(), "the reference cannot be located in the statement");
            }
            if (start < 0) {
                start = tokens.get(index).start();
            }
            end = tokens.get(index).end();
        }
        GovernedTable table = occurrence.table();
        StringBuilder text = new StringBuilder("(SELECT ").append(projection(table)).append(" FROM ")
                .append(sql, start, end);
        if (!table.rowFilter().isEmpty()) {
            text.append(" WHERE ").append(FilterPredicate.render(table));
        }
        text.append(')');
        if (!occurrence.aliased()) {
            text.append(" AS ").append(quote(id.names.get(id.names.size() - 1)));
        }
        return new Splice(start, end, text.toString());
    }

    private static String projection(GovernedTable table) {
        if (table.maskedColumns().isEmpty()) {
            return "*";
        }
        Map<String, String> masks = new LinkedHashMap<>();
        table.maskedColumns().forEach((column, expression) -> masks.put(column.toLowerCase(Locale.ROOT), expression));
        List<String> items = new ArrayList<>();
        for (String column : table.columns()) {
            String mask = masks.get(column.toLowerCase(Locale.ROOT));
            items.add(mask == null ? quote(column) : mask + " AS " + quote(column));
        }
        return String.join(", ", items);
    }

    /**
     * UPDATE and DELETE of a governed table: the row filter is ANDed into the WHERE clause (or becomes it),
     * and a statement that names a masked column is refused (its WHERE would probe raw values).
     */
    private static List<Splice> targetFilter(String sql, List<Token> tokens, Target target) throws Unsafe {
        GovernedTable table = target.table();
        if (!table.maskedColumns().isEmpty()) {
            Set<String> masked = new HashSet<>();
            table.maskedColumns().keySet().forEach(each -> masked.add(each.toLowerCase(Locale.ROOT)));
            if (ReferenceFinder.namesColumn(target.statement(), masked)) {
                throw new Unsafe(table, "UPDATE or DELETE that names a masked column");
            }
        }
        if (table.rowFilter().isEmpty()) {
            return List.of();
        }
        String predicate = FilterPredicate.render(table);
        int end = statementEnd(tokens, sql);
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token each = tokens.get(i);
            if (each.isSymbol("(")) {
                depth++;
            } else if (each.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && each.isWord("WHERE")) {
                int condition = next(tokens, i);
                int start = condition < 0 ? each.end() : tokens.get(condition).start();
                return List.of(new Splice(start, start, "("), new Splice(end, end, ") AND " + predicate));
            }
        }
        return List.of(new Splice(end, end, " WHERE " + predicate));
    }

    /** Parses the result again: every governed reference must be inside a sub-query this rewrite inserted. */
    private static void verify(String rewritten, GovernedNames names, List<int[]> inserted, ReferenceFinder before)
            throws Unsafe {
        Parsed parsed;
        try {
            parsed = SnowflakeParser.parse(rewritten);
        } catch (ParseFailure | QueryException e) {
            throw new Unsafe(null, "the rewritten statement cannot be read");
        }
        ReferenceFinder after = new ReferenceFinder(names).statement(parsed.node());
        if (after.occurrences().size() != before.occurrences().size()
                || after.targets().size() != before.targets().size()) {
            throw new Unsafe(null, "the rewritten statement does not read governed tables as expected");
        }
        for (Occurrence each : after.occurrences()) {
            int offset = parsed.sourceOffset(each.id());
            boolean inside = false;
            for (int[] span : inserted) {
                inside |= offset >= span[0] && offset < span[1];
            }
            if (!inside) {
                throw new Unsafe(each.table(), "a reference escaped the rewrite");
            }
        }
    }

    private static int statementEnd(List<Token> tokens, String sql) {
        for (int i = tokens.size() - 1; i >= 0; i--) {
            Token each = tokens.get(i);
            if (each.type() != Token.Type.SPACE && !each.isSymbol(";")) {
                return each.end();
            }
        }
        return sql.length();
    }

    private static int tokenAt(List<Token> tokens, int offset) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).start() == offset) {
                return i;
            }
        }
        return -1;
    }

    private static int next(List<Token> tokens, int index) {
        for (int i = index + 1; i < tokens.size(); i++) {
            if (tokens.get(i).type() != Token.Type.SPACE) {
                return i;
            }
        }
        return -1;
    }

    private static List<Token> significant(List<Token> tokens) {
        List<Token> result = new ArrayList<>();
        for (Token each : tokens) {
            if (each.type() != Token.Type.SPACE) {
                result.add(each);
            }
        }
        return result;
    }

    /** The name a word or quoted-identifier token stands for, else null. */
    private static String word(Token token) {
        if (token.type() == Token.Type.WORD) {
            return token.text();
        }
        if (token.type() == Token.Type.QUOTED && token.text().length() >= 2) {
            return token.text().substring(1, token.text().length() - 1).replace("\"\"", "\"");
        }
        return null;
    }

    static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}

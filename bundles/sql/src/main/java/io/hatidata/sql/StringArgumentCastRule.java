package io.hatidata.sql;

import io.hatidata.api.governance.HealingRule;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.query.QueryException;
import io.hatidata.sql.parse.Token;
import io.hatidata.sql.parse.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;

/**
 * Healing rule: Snowflake converts numbers, dates and timestamps to text where a string function wants
 * text ({@code SUBSTR(order_id, 1, 4)}, {@code REPLACE(order_date, '-', '')}); DuckDB refuses with
 * "No function matches the given name and argument types 'substr(INTEGER, …)'". For the string functions
 * of {@link #STRING_ARGUMENTS}, every call of the function named in the error, with the error's number of
 * arguments, gets {@code CAST(… AS VARCHAR)} around the arguments that should be text and were not —
 * exactly the conversion Snowflake makes. Calls whose arguments already are text are unchanged in meaning
 * (a cast of text to text). The rewrite is on tokens, so literals and comments are never touched.
 */
@Component(service = HealingRule.class)
public final class StringArgumentCastRule implements HealingRule {
    private static final Pattern NO_MATCH = Pattern.compile(
            "No function matches the given name and argument types '([A-Za-z_][A-Za-z0-9_]*)\\((.*)\\)'");
    private static final Set<String> TEXT_TYPES = Set.of("VARCHAR", "STRING_LITERAL", "NULL", "\"NULL\"");

    /** String functions and the 1-based positions of their text arguments. */
    static final Map<String, Set<Integer>> STRING_ARGUMENTS = Map.ofEntries(
            Map.entry("substr", Set.of(1)), Map.entry("substring", Set.of(1)),
            Map.entry("left", Set.of(1)), Map.entry("right", Set.of(1)),
            Map.entry("upper", Set.of(1)), Map.entry("lower", Set.of(1)), Map.entry("length", Set.of(1)),
            Map.entry("trim", Set.of(1, 2)), Map.entry("ltrim", Set.of(1, 2)), Map.entry("rtrim", Set.of(1, 2)),
            Map.entry("reverse", Set.of(1)), Map.entry("lpad", Set.of(1, 3)), Map.entry("rpad", Set.of(1, 3)),
            Map.entry("replace", Set.of(1, 2, 3)), Map.entry("contains", Set.of(1, 2)),
            Map.entry("starts_with", Set.of(1, 2)), Map.entry("ends_with", Set.of(1, 2)),
            Map.entry("strpos", Set.of(1, 2)), Map.entry("instr", Set.of(1, 2)),
            Map.entry("regexp_matches", Set.of(1)), Map.entry("regexp_full_match", Set.of(1)),
            Map.entry("regexp_extract", Set.of(1)), Map.entry("regexp_replace", Set.of(1)),
            Map.entry("md5", Set.of(1)), Map.entry("sha256", Set.of(1)));

    @Override
    public Optional<String> heal(QueryContext context, QueryException failure) {
        Matcher matcher = NO_MATCH.matcher(failure.getMessage() == null ? "" : failure.getMessage());
        if (!matcher.find()) {
            return Optional.empty();
        }
        String function = matcher.group(1).toLowerCase(Locale.ROOT);
        Set<Integer> textPositions = STRING_ARGUMENTS.get(function);
        if (textPositions == null) {
            return Optional.empty();
        }
        List<String> types = topLevelParts(matcher.group(2));
        List<Integer> toCast = new ArrayList<>();
        for (int position : textPositions) {
            if (position <= types.size() && !TEXT_TYPES.contains(types.get(position - 1).trim())) {
                toCast.add(position);
            }
        }
        if (toCast.isEmpty()) {
            return Optional.empty();
        }
        toCast.sort(null);
        return rewrite(context.sql(), function, types.size(), toCast);
    }

    /** Every call {@code function(…)} with {@code arity} arguments, the given arguments cast to VARCHAR. */
    static Optional<String> rewrite(String sql, String function, int arity, List<Integer> toCast) {
        List<Token> tokens = Tokenizer.tokenize(sql);
        StringBuilder result = new StringBuilder(sql.length() + 32);
        int copied = 0;
        boolean changed = false;
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).isWord(function)) {
                continue;
            }
            int open = nextCode(tokens, i + 1);
            if (open < 0 || !tokens.get(open).text().equals("(")) {
                continue;
            }
            List<int[]> arguments = arguments(tokens, open);
            if (arguments == null || arguments.size() != arity) {
                continue;
            }
            for (int position : toCast) {
                int[] span = arguments.get(position - 1);
                if (span[0] < copied) {
                    continue; // inside an argument already cast (a call nested in a call of the same function)
                }
                result.append(sql, copied, span[0]).append("CAST(").append(sql, span[0], span[1]).append(" AS VARCHAR)");
                copied = span[1];
                changed = true;
            }
        }
        if (!changed) {
            return Optional.empty();
        }
        return Optional.of(result.append(sql, copied, sql.length()).toString());
    }

    /**
     * The source spans {start, end} of the top-level arguments of the call whose {@code (} is at
     * {@code open}, trimmed of spaces; {@code null} when the parentheses do not close.
     */
    private static List<int[]> arguments(List<Token> tokens, int open) {
        List<int[]> result = new ArrayList<>();
        int depth = 0;
        int argumentStart = -1;
        int argumentEnd = -1;
        for (int i = open + 1; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            String text = token.text();
            if (token.type() == Token.Type.SYMBOL && depth == 0 && (text.equals(",") || text.equals(")"))) {
                if (argumentStart >= 0) {
                    result.add(new int[] {argumentStart, argumentEnd});
                } else if (text.equals(",") || !result.isEmpty()) {
                    return null; // an empty argument
                }
                if (text.equals(")")) {
                    return result;
                }
                argumentStart = -1;
                continue;
            }
            if (token.type() == Token.Type.SYMBOL && (text.equals("(") || text.equals("["))) {
                depth++;
            } else if (token.type() == Token.Type.SYMBOL && (text.equals(")") || text.equals("]"))) {
                depth--;
            }
            if (token.type() != Token.Type.SPACE) {
                if (argumentStart < 0) {
                    argumentStart = token.start();
                }
                argumentEnd = token.end();
            }
        }
        return null;
    }

    private static int nextCode(List<Token> tokens, int from) {
        for (int i = from; i < tokens.size(); i++) {
            if (tokens.get(i).type() != Token.Type.SPACE) {
                return i;
            }
        }
        return -1;
    }

    /** {@code "INTEGER, DECIMAL(10,2), VARCHAR"} → its parts, commas inside parentheses kept. */
    static List<String> topLevelParts(String list) {
        List<String> result = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                result.add(list.substring(start, i).trim());
                start = i + 1;
            }
        }
        if (!list.isBlank()) {
            result.add(list.substring(start).trim());
        }
        return result;
    }
}

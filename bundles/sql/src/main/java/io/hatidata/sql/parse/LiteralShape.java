package io.hatidata.sql.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A statement's shape: its text with the <em>free</em> literals cut out. Statements of one shape differ
 * only in values no rewrite can depend on, so the translation cache and the governed-table rewriter both
 * template a shape's output once it is proven ({@link SlotTemplate}).
 *
 * <p>A literal is free only when no rewrite can depend on its value: an integer or a plain string
 * ({@code '…'} without backslashes) that is not inside the parentheses of a function call (format models,
 * part numbers, date parts, JSON paths all are), not next to {@code ::}, not after a type keyword
 * ({@code DATE '…'}, {@code INTERVAL '…'}) and not the count of {@code TOP}. A statement with a {@code ?}
 * anywhere outside its free literals has no shape (its text could collide with a key's placeholders).
 *
 * @param key the normalized text (runs of spaces and comments as one space) with {@code ?n} / {@code ?s} in
 *     place of the free literals
 * @param exactKey the stripped text exactly as written, with the same placeholders
 * @param literals the free literals' tokens in order (offsets in the stripped text)
 */
public record LiteralShape(String key, String exactKey, List<Token> literals) {
    private static final Set<String> NOT_A_FUNCTION = Set.of("in", "values", "as", "on", "using", "and", "or",
            "not", "where", "select", "from", "join", "exists", "any", "all", "some", "over", "by", "when", "then",
            "else", "case", "having", "qualify", "limit", "into", "with", "union", "except", "intersect", "minus",
            "recursive", "lateral", "is", "like", "ilike", "between", "set", "returning", "offset", "table", "end");
    private static final Set<String> TYPED_LITERAL_KEYWORDS = Set.of("date", "time", "timestamp", "interval",
            "timestamp_ntz", "timestamp_ltz", "timestamp_tz", "top", "sample", "tablesample");
    private static final String SENTINEL_PREFIX = "hdlit";

    /** The statement with unique sentinel values in place of its free literals. */
    public record Probe(String sql, List<String> sentinels) {}

    /** The shape, or {@code null} when the statement has no free literal (or has a {@code ?} elsewhere). */
    public static LiteralShape of(String sql) {
        String stripped = sql.strip();
        List<Token> tokens = Tokenizer.tokenize(stripped);
        StringBuilder key = new StringBuilder(stripped.length());
        StringBuilder exactKey = new StringBuilder(stripped.length());
        List<Token> literals = new ArrayList<>();
        List<Boolean> functionParens = new ArrayList<>();
        Token previous = null;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.type() == Token.Type.SPACE) {
                if (key.length() > 0 && key.charAt(key.length() - 1) != ' ') {
                    key.append(' ');
                }
                exactKey.append(token.text());
                continue;
            }
            if (token.type() == Token.Type.SYMBOL && token.text().equals("(")) {
                functionParens.add(previous != null && (previous.type() == Token.Type.QUOTED
                        || previous.type() == Token.Type.WORD
                        && !NOT_A_FUNCTION.contains(previous.text().toLowerCase(Locale.ROOT))));
            } else if (token.type() == Token.Type.SYMBOL && token.text().equals(")") && !functionParens.isEmpty()) {
                functionParens.remove(functionParens.size() - 1);
            }
            if (isFree(token, previous, next(tokens, i), functionParens)) {
                literals.add(token);
                String placeholder = token.type() == Token.Type.NUMBER ? "?n" : "?s";
                key.append(placeholder);
                exactKey.append(placeholder);
            } else if (token.text().indexOf('?') >= 0) {
                return null;
            } else {
                key.append(token.text());
                exactKey.append(token.text());
            }
            previous = token;
        }
        return literals.isEmpty() ? null
                : new LiteralShape(key.toString().strip(), exactKey.toString(), List.copyOf(literals));
    }

    /** The stripped statement with a unique sentinel in place of each free literal. */
    public Probe probe(String sql) {
        String stripped = sql.strip();
        StringBuilder result = new StringBuilder(stripped.length() + 16 * literals.size());
        List<String> sentinels = new ArrayList<>();
        int copied = 0;
        for (int i = 0; i < literals.size(); i++) {
            Token literal = literals.get(i);
            String sentinel = literal.type() == Token.Type.NUMBER
                    ? Long.toString(7_340_000_000_000_000L + i * 1_000_003L)
                    : "'" + SENTINEL_PREFIX + i + "x'";
            sentinels.add(sentinel);
            result.append(stripped, copied, literal.start()).append(sentinel);
            copied = literal.end();
        }
        result.append(stripped.substring(copied));
        return new Probe(result.toString(), List.copyOf(sentinels));
    }

    private static boolean isFree(Token token, Token previous, Token next, List<Boolean> functionParens) {
        boolean integer = token.type() == Token.Type.NUMBER && token.text().chars().allMatch(Character::isDigit);
        boolean plainString = token.type() == Token.Type.STRING && token.text().startsWith("'")
                && token.text().indexOf('\\') < 0;
        if (!integer && !plainString || functionParens.contains(Boolean.TRUE)) {
            return false;
        }
        if (previous != null && (previous.text().equals("::")
                || previous.type() == Token.Type.WORD
                && TYPED_LITERAL_KEYWORDS.contains(previous.text().toLowerCase(Locale.ROOT)))) {
            return false;
        }
        return next == null || !next.text().equals("::");
    }

    private static Token next(List<Token> tokens, int index) {
        for (int i = index + 1; i < tokens.size(); i++) {
            if (tokens.get(i).type() != Token.Type.SPACE) {
                return tokens.get(i);
            }
        }
        return null;
    }
}

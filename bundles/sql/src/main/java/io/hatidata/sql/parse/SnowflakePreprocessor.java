package io.hatidata.sql.parse;

import io.hatidata.api.query.QueryException;
import io.hatidata.sql.parse.Token.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rewrites the Snowflake syntax Calcite's parser cannot read into calls it can, working on
 * {@linkplain Tokenizer tokens} so string literals, quoted names and comments are never touched:
 *
 * <ul>
 *   <li>paths {@code expr:a.b[0]}, {@code expr['k']} → {@code GET_PATH(expr, 'a.b[0]')} (a following
 *       {@code ::type} stays a cast of that call);
 *   <li>array and object literals {@code [1, 2]}, {@code {'k': v}} → {@code ARRAY_CONSTRUCT(1, 2)},
 *       {@code OBJECT_CONSTRUCT('k', v)};
 *   <li>{@code SELECT TOP n} → the hint {@code /*+ HD_TOP(n) *}{@code /} (made a LIMIT after parsing);
 *   <li>{@code GROUP BY ALL} → {@code GROUP BY "$hd_group_by_all"} (printed back as {@code ALL});
 *   <li>{@code LATERAL FLATTEN(…)} → {@code LATERAL TABLE(FLATTEN(…))};
 *   <li>{@code INTERVAL '1 day'} without a unit → {@code HD_INTERVAL('1 day')};
 *   <li>{@code NUMBER(p, s)} → {@code DECIMAL(p, s)}; the precision of {@code TIMESTAMP_NTZ(9)} and its
 *       kin is dropped; {@code $$text$$} → {@code 'text'}.
 * </ul>
 *
 * It also refuses ({@code 0A000}) the constructs {@link Refusals} lists. The result maps every character
 * back to the client's text, for error positions.
 */
public final class SnowflakePreprocessor {
    /** The identifier that stands for {@code ALL} in {@code GROUP BY ALL}. */
    public static final String GROUP_BY_ALL = "$hd_group_by_all";

    private static final Set<String> INTERVAL_UNITS = Set.of(
            "YEAR", "YEARS", "MONTH", "MONTHS", "DAY", "DAYS", "HOUR", "HOURS", "MINUTE", "MINUTES", "SECOND",
            "SECONDS", "WEEK", "WEEKS", "QUARTER", "QUARTERS", "MILLISECOND", "MICROSECOND", "TO");
    private static final Set<String> AFTER_GROUP_BY_ALL = Set.of(
            "HAVING", "QUALIFY", "ORDER", "LIMIT", "UNION", "EXCEPT", "MINUS", "INTERSECT", "WINDOW", "OFFSET",
            "FETCH");
    private static final Set<String> TIMESTAMP_TYPES = Set.of(
            "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP_TZ", "DATETIME");

    /** The rewritten statement. */
    public record Result(String text, boolean changed, MappedPositions positions, Set<String> quotedNames) {}

    /** Maps offsets of the rewritten text back to the client's text. */
    public interface MappedPositions {
        /** The offset in the client's text for an offset in the rewritten text. */
        int sourceOffset(int rewrittenOffset);
    }

    /** An emitted significant token: where it starts in the output, and for {@code )} its {@code (}. */
    private record Emitted(Token token, int outStart, int openIndex) {}

    private final String source;
    private final List<Token> tokens;
    private final MappedText out = new MappedText();
    private final List<Emitted> emitted = new ArrayList<>();
    private final Deque<Integer> openParens = new ArrayDeque<>();
    /** Closing text owed when the matching bracket closes: a stack per bracket depth. */
    private final Deque<String> closers = new ArrayDeque<>();
    /** For each open literal bracket: {@code ]} (array) or {@code }} (object). */
    private final Deque<String> closerKinds = new ArrayDeque<>();
    /** What each open parenthesis prints when it closes ({@code ))} closes the added {@code TABLE(}). */
    private final Deque<String> parenClosers = new ArrayDeque<>();
    private boolean changed;
    private int position;

    private SnowflakePreprocessor(String source) {
        this.source = source;
        this.tokens = Tokenizer.tokenize(source);
    }

    /** Rewrites one statement; {@code 0A000} for a refused construct. */
    public static Result rewrite(String sql) throws QueryException {
        SnowflakePreprocessor preprocessor = new SnowflakePreprocessor(sql);
        Refusals.check(preprocessor.significant());
        preprocessor.run();
        MappedText text = preprocessor.out;
        Set<String> quoted = new HashSet<>();
        for (Token each : preprocessor.tokens) {
            if (each.type() == Type.QUOTED && each.text().length() >= 2) {
                quoted.add(each.text().substring(1, each.text().length() - 1).replace("\"\"", "\""));
            }
        }
        return new Result(text.toString(), preprocessor.changed, offset -> text.sourceOffset(offset, sql.length()),
                Set.copyOf(quoted));
    }

    private List<Token> significant() {
        List<Token> result = new ArrayList<>();
        for (Token each : tokens) {
            if (each.type() != Type.SPACE) {
                result.add(each);
            }
        }
        return result;
    }

    private void run() {
        while (position < tokens.size()) {
            Token token = tokens.get(position);
            if (token.type() == Type.SPACE) {
                // Calcite lexes comments its own way (no nesting, hints): it gets blanks of the same length
                // (line breaks kept), DuckDB the client's text, whose comments it skips as the Tokenizer does
                out.copy(blankComment(token.text()), token.start());
                position++;
            } else if (token.isSymbol("::") && castable() && next(position + 1).type() == Type.WORD) {
                cast();
            } else if (token.type() == Type.STRING && (token.text().startsWith("E'") || token.text().startsWith("e'"))) {
                // a PostgreSQL escape string E'…' is the same value as a Snowflake literal
                emit(token, "'" + StringEscapes.unescape(token.text().substring(1)).replace("'", "''") + "'");
                changed = true;
                position++;
            } else if (token.isWord("MINUS")) {
                emit(token, "EXCEPT");
                position++;
            } else if (token.type() == Type.STRING && token.text().startsWith("'") && token.text().indexOf('\\') >= 0) {
                emit(token, "'" + StringEscapes.unescape(token.text()).replace("'", "''") + "'");
                position++;
            } else if (token.type() == Type.STRING && token.text().startsWith("$")) {
                // $$…$$ or $tag$…$tag$
                String text = token.text();
                int tag = text.indexOf('$', 1) + 1;
                String body = text.length() >= 2 * tag ? text.substring(tag, text.length() - tag) : text.substring(tag);
                emit(token, "'" + body.replace("'", "''") + "'");
                position++;
            } else if (token.isSymbol(":") && isOperandEnd() && nextIsPathElement(position + 1)) {
                path();
            } else if (token.isSymbol("[") && isOperandEnd() && simpleSubscript(position)) {
                path();
            } else if (token.isSymbol("[")) {
                open(token, "ARRAY_CONSTRUCT(", ")");
            } else if (token.isSymbol("{")) {
                open(token, "OBJECT_CONSTRUCT(", ")");
            } else if ((token.isSymbol("]") || token.isSymbol("}")) && !closers.isEmpty()) {
                emit(token, closers.pop());
                position++;
            } else if (token.isSymbol(":") && !closers.isEmpty() && "}".equals(peekCloserKind())) {
                emit(token, ",");
                position++;
            } else if (token.isWord("TOP") && afterSelect() && next(position + 1).type() == Type.NUMBER) {
                top();
            } else if (token.isWord("ALL") && groupByAll()) {
                emit(token, "\"" + GROUP_BY_ALL + "\"");
                position++;
            } else if (token.isWord("FLATTEN") && previous().isWord("LATERAL") && next(position + 1).isSymbol("(")) {
                emit(token, "TABLE(FLATTEN");
                openParenWithCloser("))");
            } else if (token.isWord("INTERVAL") && next(position + 1).type() == Type.STRING && !unitFollows()) {
                Token literal = next(position + 1);
                emit(token, "HD_INTERVAL(" + literal.text() + ")");
                position = indexOf(literal) + 1;
            } else if (token.isWord("NUMBER") && next(position + 1).isSymbol("(")) {
                emit(token, "DECIMAL");
                position++;
            } else if (TIMESTAMP_TYPES.contains(token.upper()) && next(position + 1).isSymbol("(")
                    && next(indexOf(next(position + 1)) + 1).type() == Type.NUMBER
                    && !previous().isSymbol(".")) {
                emit(token, token.text());
                // drop "( n )"
                int close = indexOf(next(indexOf(next(indexOf(next(position + 1)) + 1)) + 1));
                changed = true;
                position = close + 1;
            } else if (token.isSymbol("(")) {
                openParenWithCloser(null);
            } else if (token.isSymbol(")")) {
                closeParen(token);
            } else {
                emit(token, token.text());
                position++;
            }
        }
    }

    private String peekCloserKind() {
        return closerKinds.peek();
    }

    private void open(Token token, String replacement, String closer) {
        emit(token, replacement);
        closers.push(closer);
        closerKinds.push(token.text().equals("{") ? "}" : "]");
        position++;
    }

    /** Emits the {@code (} at the current position (after an already emitted function name). */
    private void openParenWithCloser(String closer) {
        Token token = tokens.get(position);
        if (!token.isSymbol("(")) {
            // called for FLATTEN: the paren follows after optional spaces
            position++;
            while (tokens.get(position).type() == Type.SPACE) {
                out.copy(tokens.get(position).text(), tokens.get(position).start());
                position++;
            }
            token = tokens.get(position);
        }
        openParens.push(emitted.size());
        emit(token, "(");
        parenClosers.push(closer == null ? ")" : closer);
        position++;
    }

    private void closeParen(Token token) {
        int openIndex = openParens.isEmpty() ? -1 : openParens.pop();
        String closer = parenClosers.isEmpty() ? ")" : parenClosers.pop();
        int outStart = out.length();
        if (!closer.equals(")")) {
            changed = true;
        }
        out.append(closer, token.start());
        emitted.add(new Emitted(token, outStart, openIndex));
        position++;
    }

    /** White space as it is; a comment as blanks of its length, its line breaks kept. */
    static String blankComment(String space) {
        if (!space.startsWith("--") && !space.startsWith("/*")) {
            return space;
        }
        StringBuilder blank = new StringBuilder(space.length());
        for (int i = 0; i < space.length(); i++) {
            char c = space.charAt(i);
            blank.append(c == '\n' || c == '\r' ? c : ' ');
        }
        return blank.toString();
    }

    private void emit(Token token, String text) {
        int outStart = out.length();
        if (text.equals(token.text())) {
            out.copy(text, token.start());
        } else {
            out.append(text, token.start());
            changed = true;
        }
        emitted.add(new Emitted(token, outStart, -1));
    }

    private Token next(int index) {
        int i = index;
        while (i < tokens.size() && tokens.get(i).type() == Type.SPACE) {
            i++;
        }
        return i < tokens.size() ? tokens.get(i) : new Token(Type.SPACE, "", source.length());
    }

    private int indexOf(Token token) {
        for (int i = position; i < tokens.size(); i++) {
            if (tokens.get(i) == token) {
                return i;
            }
        }
        return tokens.size();
    }

    private Token previous() {
        return emitted.isEmpty() ? new Token(Type.SPACE, "", 0) : emitted.get(emitted.size() - 1).token();
    }

    private boolean isOperandEnd() {
        if (emitted.isEmpty()) {
            return false;
        }
        Token last = previous();
        return switch (last.type()) {
            case WORD -> !Keywords.isReserved(last);
            case QUOTED -> true;
            case SYMBOL -> last.isSymbol(")");
            default -> false;
        };
    }

    private boolean nextIsPathElement(int index) {
        if (index >= tokens.size()) {
            return false;
        }
        Token token = tokens.get(index);
        return token.type() == Type.WORD || token.type() == Type.QUOTED;
    }

    private boolean simpleSubscript(int index) {
        Token inside = next(index + 1);
        return (inside.type() == Type.NUMBER || inside.type() == Type.STRING) && next(indexOf(inside) + 1).isSymbol("]");
    }

    /** Consumes a path of {@code :name}, {@code .name}, {@code [n]}, {@code ['k']} elements and wraps the operand. */
    private void path() {
        int operandEntry = operandStart();
        int outStart = emitted.get(operandEntry).outStart();
        int sourceStart = tokens.get(position).start();
        StringBuilder path = new StringBuilder();
        while (position < tokens.size()) {
            Token token = tokens.get(position);
            if ((token.isSymbol(":") || (token.isSymbol(".") && path.length() > 0)) && nextIsPathElement(position + 1)) {
                Token element = tokens.get(position + 1);
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(element.text());
                position += 2;
            } else if (token.isSymbol("[") && simpleSubscript(position)) {
                Token inside = next(position + 1);
                path.append('[').append(inside.type() == Type.STRING ? "\"" + unquote(inside.text()) + "\"" : inside.text()).append(']');
                position = indexOf(next(indexOf(inside) + 1)) + 1;
            } else {
                break;
            }
        }
        out.insert(outStart, "GET_PATH(", sourceStart);
        out.append(", '" + path.toString().replace("'", "''") + "')", sourceStart);
        changed = true;
        Emitted first = emitted.get(operandEntry);
        while (emitted.size() > operandEntry) {
            emitted.remove(emitted.size() - 1);
        }
        emitted.add(new Emitted(new Token(Type.SYMBOL, ")", first.token().start()), first.outStart(), -1));
    }

    private static String unquote(String literal) {
        return literal.substring(1, literal.length() - 1).replace("''", "'");
    }

    /** The index in {@link #emitted} where the operand that ends the output starts. */
    private int operandStart() {
        int index = emitted.size() - 1;
        Emitted last = emitted.get(index);
        if (last.token().isSymbol(")") && last.openIndex() >= 0) {
            index = last.openIndex();
            if (index > 0 && emitted.get(index - 1).token().type() == Type.WORD && !Keywords.isReserved(emitted.get(index - 1).token())) {
                index--;
            } else {
                return index;
            }
        }
        while (index >= 2 && emitted.get(index - 1).token().isSymbol(".")
                && (emitted.get(index - 2).token().type() == Type.WORD || emitted.get(index - 2).token().type() == Type.QUOTED)) {
            index -= 2;
        }
        return index;
    }

    /** Whether what precedes {@code ::} is an operand (including literals, parameters, NULL, TRUE, FALSE). */
    private boolean castable() {
        Token last = previous();
        return isOperandEnd() || last.type() == Type.STRING || last.type() == Type.NUMBER
                || last.type() == Type.PARAMETER || last.isWord("NULL") || last.isWord("TRUE") || last.isWord("FALSE");
    }

    /**
     * {@code operand::type} becomes {@code CAST(operand AS type)} here, because Calcite's Babel parser gives
     * {@code ::} a lower precedence than PostgreSQL and Snowflake do ({@code a + b::int} would cast the sum).
     */
    private void cast() {
        int operandEntry = operandStart();
        Emitted first = emitted.get(operandEntry);
        int sourceStart = tokens.get(position).start();
        position++;
        StringBuilder type = new StringBuilder();
        Token name = next(position);
        position = indexOf(name) + 1;
        String upper = name.upper();
        type.append(upper.equals("NUMBER") ? "DECIMAL" : name.text());
        while (Set.of("PRECISION", "VARYING", "WITH", "WITHOUT", "TIME", "ZONE", "LOCAL").contains(next(position).upper())
                && next(position).type() == Type.WORD) {
            Token word = next(position);
            type.append(' ').append(word.text());
            position = indexOf(word) + 1;
        }
        if (next(position).isSymbol("(")) {
            StringBuilder arguments = new StringBuilder();
            int depth = 0;
            int i = indexOf(next(position));
            for (; i < tokens.size(); i++) {
                Token each = tokens.get(i);
                arguments.append(each.text());
                depth += each.isSymbol("(") ? 1 : each.isSymbol(")") ? -1 : 0;
                if (depth == 0) {
                    break;
                }
            }
            position = i + 1;
            if (!TIMESTAMP_TYPES.contains(upper)) {
                type.append(arguments);
            }
        }
        while (next(position).isSymbol("[") && next(indexOf(next(position)) + 1).isSymbol("]")) {
            type.append("[]");
            position = indexOf(next(indexOf(next(position)) + 1)) + 1;
        }
        out.insert(first.outStart(), "CAST(", sourceStart);
        out.append(" AS " + type + ")", sourceStart);
        changed = true;
        while (emitted.size() > operandEntry) {
            emitted.remove(emitted.size() - 1);
        }
        emitted.add(new Emitted(new Token(Type.SYMBOL, ")", first.token().start()), first.outStart(), -1));
    }

    private boolean afterSelect() {
        Token last = previous();
        if (last.isWord("SELECT")) {
            return true;
        }
        return (last.isWord("DISTINCT") || last.isWord("ALL")) && emitted.size() >= 2
                && emitted.get(emitted.size() - 2).token().isWord("SELECT");
    }

    /** {@code SELECT [DISTINCT] TOP n}: the hint goes right after SELECT. */
    private void top() {
        Token topToken = tokens.get(position);
        Token count = next(position + 1);
        int selectEntry = emitted.size() - 1;
        if (!emitted.get(selectEntry).token().isWord("SELECT")) {
            selectEntry--;
        }
        Emitted select = emitted.get(selectEntry);
        out.insert(select.outStart() + select.token().text().length(), " /*+ HD_TOP(" + count.text() + ") */", topToken.start());
        changed = true;
        position = indexOf(count) + 1;
    }

    private boolean groupByAll() {
        if (emitted.size() < 2 || !previous().isWord("BY") || !emitted.get(emitted.size() - 2).token().isWord("GROUP")) {
            return false;
        }
        Token after = next(position + 1);
        return after.text().isEmpty() || after.isSymbol(")") || after.isSymbol(";")
                || (after.type() == Type.WORD && AFTER_GROUP_BY_ALL.contains(after.upper()));
    }

    private boolean unitFollows() {
        Token literal = next(position + 1);
        Token after = next(indexOf(literal) + 1);
        return after.type() == Type.WORD && INTERVAL_UNITS.contains(after.upper());
    }
}

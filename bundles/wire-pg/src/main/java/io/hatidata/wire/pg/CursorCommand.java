package io.hatidata.wire.pg;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import io.hatidata.api.sql.SqlLexing;
import java.util.Locale;
import java.util.Optional;

/**
 * A SQL cursor command the connection answers itself: {@code DECLARE}, {@code FETCH}, {@code MOVE} and
 * {@code CLOSE}, in PostgreSQL's syntax. psql sends them when {@code FETCH_COUNT} is set, and ODBC drivers
 * and BI tools that read large results in steps do too.
 *
 * <pre>
 *   DECLARE name [BINARY] [ASENSITIVE | INSENSITIVE] [[NO] SCROLL] CURSOR [{WITH | WITHOUT} HOLD] FOR query
 *   FETCH | MOVE [direction] [FROM | IN] name
 *   CLOSE {name | ALL}
 * </pre>
 *
 * <p>Cursors stream forward only (see {@link CursorHandler}): a direction is {@code NEXT}, {@code FORWARD},
 * a count, {@code ALL}, {@code FORWARD count} or {@code FORWARD ALL}. The other directions parse and are
 * refused when run, as PostgreSQL refuses them on a {@code NO SCROLL} cursor.
 *
 * @see <a href="https://www.postgresql.org/docs/current/sql-declare.html">PostgreSQL: DECLARE</a>
 * @see <a href="https://www.postgresql.org/docs/current/sql-fetch.html">PostgreSQL: FETCH</a>
 */
sealed interface CursorCommand {

    /** Rows a FETCH ALL asks for. */
    long ALL = Long.MAX_VALUE;

    /**
     * {@code DECLARE}.
     *
     * @param name the cursor name
     * @param hold {@code WITH HOLD}
     * @param scroll {@code SCROLL} (refused when run)
     * @param binary {@code BINARY} (refused when run)
     * @param query the cursor's query as written
     * @param queryStart where the query starts in the statement, for error positions
     */
    record Declare(String name, boolean hold, boolean scroll, boolean binary, String query, int queryStart)
            implements CursorCommand {}

    /**
     * {@code FETCH} or {@code MOVE} forward.
     *
     * @param name the cursor name
     * @param count how many rows; {@link #ALL} for all that are left
     * @param move {@code MOVE}: the rows are skipped, not sent
     * @param backward the direction is not forward ({@code PRIOR}, {@code FIRST}, {@code LAST},
     *     {@code ABSOLUTE}, {@code RELATIVE}, {@code BACKWARD} or a negative count); refused when run
     */
    record Fetch(String name, long count, boolean move, boolean backward) implements CursorCommand {}

    /**
     * {@code CLOSE}.
     *
     * @param name the cursor name; empty for {@code CLOSE ALL}
     */
    record Close(String name) implements CursorCommand {}

    /**
     * The command, when the statement is one; empty for any other statement.
     *
     * @throws QueryException {@code 42601} when it starts like one and does not follow the syntax
     */
    static Optional<CursorCommand> parse(String statement) throws QueryException {
        Lexer lexer = new Lexer(statement);
        String first = lexer.keyword();
        return switch (first) {
            case "declare" -> Optional.of(declare(lexer));
            case "fetch" -> Optional.of(fetch(lexer, false));
            case "move" -> Optional.of(fetch(lexer, true));
            case "close" -> Optional.of(close(lexer));
            default -> Optional.empty();
        };
    }

    /** Whether the statement is a cursor command (a malformed one counts: it is answered with its error). */
    static boolean isCursorCommand(String statement) {
        Lexer lexer = new Lexer(statement);
        int start = lexer.skipSpace();
        return lexer.startsWithWord(start, "declare") || lexer.startsWithWord(start, "fetch")
                || lexer.startsWithWord(start, "move") || lexer.startsWithWord(start, "close");
    }

    private static Declare declare(Lexer lexer) throws QueryException {
        String name = lexer.name("a cursor name after DECLARE");
        boolean binary = false;
        boolean scroll = false;
        String word = lexer.keyword();
        // the options, in any order, as PostgreSQL's grammar allows
        while (!word.equals("cursor") && !word.isEmpty()) {
            switch (word) {
                case "binary" -> binary = true;
                case "asensitive", "insensitive" -> {
                    // a cursor sees the rows of its query as they were when it was declared either way
                }
                case "scroll" -> scroll = true;
                case "no" -> {
                    lexer.expect(lexer.keyword(), "scroll");
                    scroll = false;
                }
                default -> lexer.expect(word, "cursor");
            }
            word = lexer.keyword();
        }
        lexer.expect(word, "cursor");
        boolean hold = false;
        word = lexer.keyword();
        if (word.equals("with") || word.equals("without")) {
            lexer.expect(lexer.keyword(), "hold");
            hold = word.equals("with");
            word = lexer.keyword();
        }
        lexer.expect(word, "for");
        int queryStart = lexer.skipSpace();
        String query = lexer.rest();
        if (query.isEmpty()) {
            throw lexer.syntaxError("a query after FOR");
        }
        return new Declare(name, hold, scroll, binary, query, queryStart);
    }

    private static Fetch fetch(Lexer lexer, boolean move) throws QueryException {
        long count = 1;
        boolean backward = false;
        String word = lexer.peekKeyword();
        switch (word) {
            case "next" -> lexer.keyword();
            case "prior", "first", "last" -> {
                lexer.keyword();
                backward = true;
            }
            case "absolute", "relative" -> {
                lexer.keyword();
                lexer.count();
                backward = true;
            }
            case "all" -> {
                lexer.keyword();
                count = ALL;
            }
            case "forward", "backward" -> {
                lexer.keyword();
                backward = word.equals("backward");
                if (lexer.peekKeyword().equals("all")) {
                    lexer.keyword();
                    count = ALL;
                } else if (lexer.atCount()) {
                    count = lexer.count();
                }
                if (count < 0) {
                    // BACKWARD -n reads forward, FORWARD -n backward
                    backward = !backward;
                    count = -count;
                }
            }
            default -> {
                if (lexer.atCount()) {
                    count = lexer.count();
                    backward = count < 0;
                }
            }
        }
        String next = lexer.peekKeyword();
        if (next.equals("from") || next.equals("in")) {
            lexer.keyword();
        }
        String name = lexer.name("a cursor name");
        lexer.end();
        return new Fetch(name, count, move, backward);
    }

    private static Close close(Lexer lexer) throws QueryException {
        if (lexer.peekKeyword().equals("all")) {
            lexer.keyword();
            lexer.end();
            return new Close("");
        }
        String name = lexer.name("a cursor name or ALL after CLOSE");
        lexer.end();
        return new Close(name);
    }

    /**
     * Words, names and counts of a cursor command, skipping white space and comments. Only the command's
     * own words are read; a DECLARE's query is handed on as written.
     */
    final class Lexer {
        private final String text;
        private int position;
        /** Where the word {@link #keyword()} read last starts. */
        private int wordStart;

        Lexer(String text) {
            this.text = text;
        }

        /** The next word, lower-cased, and moves past it; empty when no word follows. */
        String keyword() {
            String word = peekKeyword();
            wordStart = skipSpace();
            position = wordStart + word.length();
            return word;
        }

        /** The next word, lower-cased, without moving; empty when no word follows. */
        String peekKeyword() {
            int start = skipSpace();
            int end = start;
            while (end < text.length() && isWordChar(text.charAt(end), end == start)) {
                end++;
            }
            return text.substring(start, end).toLowerCase(Locale.ROOT);
        }

        /** A name: an identifier (lower-cased, as PostgreSQL folds it) or a quoted identifier. */
        String name(String expected) throws QueryException {
            int start = skipSpace();
            if (start < text.length() && text.charAt(start) == '"') {
                StringBuilder name = new StringBuilder();
                int i = start + 1;
                while (i < text.length()) {
                    char c = text.charAt(i);
                    if (c == '"') {
                        if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                            name.append('"');
                            i += 2;
                            continue;
                        }
                        position = i + 1;
                        if (name.length() == 0) {
                            throw new QueryException(SqlState.SYNTAX_ERROR, "zero-length delimited identifier", start + 1, null);
                        }
                        return name.toString();
                    }
                    name.append(c);
                    i++;
                }
                throw new QueryException(SqlState.SYNTAX_ERROR, "unterminated quoted identifier", start + 1, null);
            }
            String word = keyword();
            if (word.isEmpty()) {
                throw syntaxError(expected);
            }
            return word;
        }

        /** Whether {@code word} (lower case) is at {@code at}, as a whole word, in any case. */
        boolean startsWithWord(int at, String word) {
            int end = at + word.length();
            return text.regionMatches(true, at, word, 0, word.length())
                    && (end == text.length() || !isWordChar(text.charAt(end), false));
        }

        boolean atCount() {
            int start = skipSpace();
            int i = start < text.length() && (text.charAt(start) == '-' || text.charAt(start) == '+') ? start + 1 : start;
            return i < text.length() && Character.isDigit(text.charAt(i));
        }

        /** A whole-number count, optionally signed; beyond {@code long}, {@code 42601}. */
        long count() throws QueryException {
            int start = skipSpace();
            int end = start < text.length() && (text.charAt(start) == '-' || text.charAt(start) == '+') ? start + 1 : start;
            while (end < text.length() && Character.isDigit(text.charAt(end))) {
                end++;
            }
            if (end < text.length() && (isWordChar(text.charAt(end), false) || text.charAt(end) == '.')) {
                // 1e3, 2.5, 10abc: not a whole number
                throw syntaxError("a whole-number count");
            }
            try {
                long value = Long.parseLong(text.substring(start, end));
                position = end;
                return value;
            } catch (NumberFormatException ex) {
                throw syntaxError("a whole-number count");
            }
        }

        /** The word {@link #keyword()} read last must be {@code expected}, else 42601 at that word. */
        void expect(String word, String expected) throws QueryException {
            if (!word.equals(expected)) {
                position = wordStart;
                throw syntaxError(expected.toUpperCase(Locale.ROOT));
            }
        }

        /** Nothing but white space, comments and one trailing semicolon may follow. */
        void end() throws QueryException {
            int at = skipSpace();
            if (at < text.length() && text.charAt(at) == ';' && skipSpace(at + 1) == text.length()) {
                return;
            }
            if (at < text.length()) {
                throw new QueryException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + token(at) + "\"", at + 1, null);
            }
        }

        /** The rest of the text, without a trailing semicolon and surrounding white space. */
        String rest() {
            String rest = text.substring(Math.min(position, text.length())).strip();
            return rest.endsWith(";") ? rest.substring(0, rest.length() - 1).strip() : rest;
        }

        int skipSpace() {
            position = skipSpace(position);
            return position;
        }

        private int skipSpace(int from) {
            int i = from;
            while (i < text.length()) {
                if (Character.isWhitespace(text.charAt(i))) {
                    i++;
                } else if (text.startsWith("--", i)) {
                    i = SqlLexing.endOfLineComment(text, i + 2);
                } else if (text.startsWith("/*", i)) {
                    i = SqlLexing.endOfBlockComment(text, i + 2);
                } else {
                    break;
                }
            }
            return i;
        }

        QueryException syntaxError(String expected) {
            int at = skipSpace();
            String near = at < text.length() ? "syntax error at or near \"" + token(at) + "\""
                    : "syntax error at end of input";
            return new QueryException(SqlState.SYNTAX_ERROR, near + ": expected " + expected, Math.min(at, text.length()) + 1, null);
        }

        private String token(int at) {
            int end = at;
            while (end < text.length() && isWordChar(text.charAt(end), end == at)) {
                end++;
            }
            return end == at ? text.substring(at, at + 1) : text.substring(at, end);
        }

        private static boolean isWordChar(char c, boolean first) {
            return first ? StatementSplitter.isIdentifierStart(c) : StatementSplitter.isIdentifierPart(c);
        }
    }
}

package io.hatidata.wire.pg;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code COPY … FROM STDIN} or {@code COPY … TO STDOUT} statement, the two forms that move data over
 * the connection itself (COPY to and from server files is the engine's business, and it refuses it).
 *
 * <pre>
 *   COPY table [ ( column, … ) ] FROM STDIN [ [ WITH ] ( option, … ) | legacy options ]
 *   COPY { table [ ( column, … ) ] | ( query ) } TO STDOUT [ [ WITH ] ( option, … ) | legacy options ]
 * </pre>
 *
 * @param in true for FROM STDIN, false for TO STDOUT
 * @param table the table as written (quoted parts keep their quotes), or empty for a query
 * @param columns the column list as written, or empty
 * @param query the query of {@code COPY (query) TO STDOUT}, or empty
 * @param format the format options
 */
record CopyCommand(boolean in, String table, List<String> columns, String query, CopyFormat format) {

    private static final String IDENTIFIER = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final Pattern HEAD = Pattern.compile("(?is)\\s*COPY\\s+");
    private static final Pattern TABLE = Pattern.compile(
            "(?is)(" + IDENTIFIER + "(?:\\s*\\.\\s*" + IDENTIFIER + ")*)(?:\\s*\\(([^)]*)\\))?");
    private static final Pattern DIRECTION = Pattern.compile("(?is)\\s+(FROM\\s+STDIN|TO\\s+STDOUT)\\b(.*?)\\s*;?\\s*");
    private static final Pattern COLUMN = Pattern.compile("\\s*(" + IDENTIFIER + ")\\s*");

    /** The command, when the statement is a COPY from STDIN or to STDOUT; empty for any other statement. */
    static Optional<CopyCommand> parse(String statement) throws QueryException {
        Matcher head = HEAD.matcher(statement);
        if (!head.lookingAt()) {
            return Optional.empty();
        }
        int at = head.end();
        String table = "";
        String query = "";
        List<String> columns = List.of();
        if (at < statement.length() && statement.charAt(at) == '(') {
            int close = closingParenthesis(statement, at);
            if (close < 0) {
                return Optional.empty();
            }
            query = statement.substring(at + 1, close).trim();
            at = close + 1;
        } else {
            Matcher name = TABLE.matcher(statement).region(at, statement.length());
            if (!name.lookingAt()) {
                return Optional.empty();
            }
            table = name.group(1);
            columns = name.group(2) == null ? List.of() : columns(name.group(2));
            at = name.end();
        }
        Matcher direction = DIRECTION.matcher(statement).region(at, statement.length());
        if (!direction.matches()) {
            return Optional.empty();
        }
        boolean in = direction.group(1).toUpperCase(Locale.ROOT).startsWith("FROM");
        if (in && !query.isEmpty()) {
            throw new QueryException(SqlState.SYNTAX_ERROR, "COPY FROM STDIN needs a table, not a query");
        }
        return Optional.of(new CopyCommand(in, table, columns, query, CopyFormat.parse(direction.group(2))));
    }

    /** The statement whose rows COPY TO STDOUT sends. */
    String selectStatement() {
        if (!query.isEmpty()) {
            return query;
        }
        return "SELECT " + (columns.isEmpty() ? "*" : String.join(", ", columns)) + " FROM " + table;
    }

    /** {@code INSERT INTO table [(columns)] VALUES ($1, …), …} for {@code rows} rows of {@code width} values. */
    String insertStatement(int width, int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table);
        if (!columns.isEmpty()) {
            sql.append(" (").append(String.join(", ", columns)).append(')');
        }
        sql.append(" VALUES ");
        int parameter = 1;
        for (int row = 0; row < rows; row++) {
            sql.append(row == 0 ? "(" : ", (");
            for (int column = 0; column < width; column++) {
                sql.append(column == 0 ? "$" : ", $").append(parameter++);
            }
            sql.append(')');
        }
        return sql.toString();
    }

    private static List<String> columns(String list) throws QueryException {
        List<String> result = new ArrayList<>();
        for (String each : list.split(",", -1)) {
            Matcher column = COLUMN.matcher(each);
            if (!column.matches()) {
                throw new QueryException(SqlState.SYNTAX_ERROR, "invalid column list in COPY: " + list.trim());
            }
            result.add(column.group(1));
        }
        return List.copyOf(result);
    }

    /** The index of the parenthesis closing the one at {@code open}, skipping quoted text; -1 if none. */
    private static int closingParenthesis(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                int end = text.indexOf(c, i + 1);
                if (end < 0) {
                    return -1;
                }
                i = end;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}

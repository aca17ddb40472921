package io.hatidata.sql.analysis;

import io.hatidata.api.sql.StatementKind;
import io.hatidata.sql.parse.Token;
import io.hatidata.sql.parse.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

/** The {@link StatementKind} of a parsed statement, or of unparsed text by its first keyword. */
public final class StatementKinds {
    private StatementKinds() {}

    /** The kind of a parsed statement. */
    public static StatementKind of(SqlNode node) {
        SqlKind kind = node.getKind();
        if (kind == SqlKind.INSERT) {
            return StatementKind.INSERT;
        }
        if (kind == SqlKind.UPDATE) {
            return StatementKind.UPDATE;
        }
        if (kind == SqlKind.DELETE) {
            return StatementKind.DELETE;
        }
        if (kind == SqlKind.MERGE) {
            return StatementKind.MERGE;
        }
        if (SqlKind.QUERY.contains(kind) || kind == SqlKind.WITH || kind == SqlKind.ORDER_BY) {
            return StatementKind.QUERY;
        }
        if (kind == SqlKind.SET_OPTION) {
            return StatementKind.UTILITY;
        }
        if (SqlKind.DDL.contains(kind)) {
            return StatementKind.DDL;
        }
        return StatementKind.UTILITY;
    }

    /**
     * The kind of a statement the parser could not read, by its first keyword, or, after a leading
     * {@code WITH} clause, by the keyword of the statement proper: DuckDB runs {@code WITH … DELETE FROM t}
     * (the parser cannot read it), which must not pass as a query.
     */
    public static StatementKind ofText(String sql) {
        List<Token> tokens = significant(sql);
        int start = statementStart(tokens);
        if (start < 0) {
            // a WITH clause that does not end where it can be told: nothing proves it only reads
            return StatementKind.UTILITY;
        }
        for (int i = start; i < tokens.size(); i++) {
            Token each = tokens.get(i);
            if (each.isSymbol("(")) {
                continue;
            }
            return switch (each.upper()) {
                case "SELECT", "VALUES", "TABLE", "FROM" -> StatementKind.QUERY;
                case "INSERT" -> StatementKind.INSERT;
                case "UPDATE" -> StatementKind.UPDATE;
                case "DELETE", "TRUNCATE" -> StatementKind.DELETE;
                case "MERGE" -> StatementKind.MERGE;
                case "CREATE", "ALTER", "DROP", "COMMENT" -> StatementKind.DDL;
                default -> StatementKind.UTILITY;
            };
        }
        return StatementKind.UTILITY;
    }

    /** The tokens of the text other than spaces and comments. */
    public static List<Token> significant(String sql) {
        List<Token> result = new ArrayList<>();
        for (Token each : Tokenizer.tokenize(sql)) {
            if (each.type() != Token.Type.SPACE) {
                result.add(each);
            }
        }
        return result;
    }

    /**
     * Where the statement proper starts among {@code tokens}: 0, or after a leading {@code WITH} clause,
     * whose common table expressions each end with a parenthesis back at depth 0 that a comma (another
     * one) does not follow; {@code AS} after such a parenthesis closes a column list, not a body. -1 when the
     * clause never ends.
     */
    public static int statementStart(List<Token> tokens) {
        if (tokens.isEmpty() || !tokens.get(0).isWord("WITH")) {
            return 0;
        }
        int depth = 0;
        for (int i = 1; i < tokens.size(); i++) {
            Token each = tokens.get(i);
            if (each.isSymbol("(")) {
                depth++;
            } else if (each.isSymbol(")")) {
                depth--;
                if (depth == 0 && i + 1 < tokens.size()) {
                    Token next = tokens.get(i + 1);
                    if (!next.isSymbol(",") && !next.isWord("AS")) {
                        return i + 1;
                    }
                }
            }
        }
        return -1;
    }
}

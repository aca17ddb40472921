package io.hatidata.sql.analysis;

import io.hatidata.api.sql.StatementKind;
import io.hatidata.sql.parse.Token;
import io.hatidata.sql.parse.Tokenizer;
import java.util.Locale;
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

    /** The kind of a statement the parser could not read, by its first keyword. */
    public static StatementKind ofText(String sql) {
        for (Token each : Tokenizer.tokenize(sql)) {
            if (each.type() == Token.Type.SPACE || each.isSymbol("(")) {
                continue;
            }
            return switch (each.text().toUpperCase(Locale.ROOT)) {
                case "SELECT", "WITH", "VALUES", "TABLE", "FROM" -> StatementKind.QUERY;
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
}

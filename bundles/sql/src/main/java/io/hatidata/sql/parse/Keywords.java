package io.hatidata.sql.parse;

import java.util.Set;

/** Reserved words that can precede an operand but never are one (so {@code THEN :x} is no path). */
final class Keywords {
    static final Set<String> RESERVED = Set.of(
            "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "ON", "IN", "BY", "AS", "WHEN", "THEN", "ELSE",
            "CASE", "END", "JOIN", "HAVING", "QUALIFY", "RETURNING", "VALUES", "IS", "LIKE", "ILIKE", "RLIKE",
            "BETWEEN", "EXISTS", "ALL", "ANY", "SOME", "DISTINCT", "SET", "USING", "LATERAL", "OVER", "FILTER",
            "WITHIN", "INTO", "INTERVAL", "LIMIT", "OFFSET", "TOP", "UNION", "EXCEPT", "MINUS", "INTERSECT",
            "ORDER", "GROUP", "WITH", "RECURSIVE", "DESC", "ASC", "NULLS", "ESCAPE", "COLLATE", "RETURN",
            "PARTITION", "ROWS", "RANGE", "PRECEDING", "FOLLOWING", "UNBOUNDED", "CURRENT", "LEFT", "RIGHT",
            "INNER", "OUTER", "FULL", "CROSS", "NATURAL", "TABLE", "UPDATE", "DELETE", "INSERT", "MERGE",
            "MATCHED", "LAMBDA", "NULL", "TRUE", "FALSE");

    private Keywords() {}

    static boolean isReserved(Token token) {
        return token.type() == Token.Type.WORD && RESERVED.contains(token.upper());
    }
}

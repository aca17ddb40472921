package io.hatidata.sql.governance;

import io.hatidata.api.sql.GovernedTable;
import io.hatidata.sql.dialect.DuckDbSqlDialect;
import io.hatidata.sql.parse.SnowflakeParser;
import io.hatidata.sql.parse.SnowflakeParser.ParseFailure;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * A row filter's predicate as text of the client's dialect: the template is parsed as an expression and
 * each {@code ?} replaced by a literal node of the value's type, which the printer renders (strings with
 * {@code ''} and, because the client's dialect treats the backslash as an escape, {@code \\}). A value is
 * never spliced into the text.
 */
final class FilterPredicate {
    private FilterPredicate() {}

    static String render(GovernedTable table) throws Unsafe {
        SqlNode expression;
        try {
            expression = SnowflakeParser.parseExpression(table.rowFilter());
        } catch (ParseFailure e) {
            throw new Unsafe(table, "its row filter cannot be read: " + e.getMessage());
        }
        List<Object> values = table.rowFilterValues();
        SqlNode bound;
        try {
            bound = expression.accept(new SqlShuttle() {
                @Override
                public SqlNode visit(SqlDynamicParam param) {
                    int index = param.getIndex();
                    if (index >= values.size()) {
                        throw new IllegalArgumentException("the row filter has more ? marks than values");
                    }
                    return literal(values.get(index));
                }
            });
        } catch (IllegalArgumentException e) {
            throw new Unsafe(table, e.getMessage());
        }
        return bound.toSqlString(config -> config.withDialect(new ClientDialect())
                .withQuoteAllIdentifiers(false).withAlwaysUseParentheses(true)
                .withClauseStartsLine(false).withIndentation(0)).getSql();
    }

    static SqlNode literal(Object value) {
        SqlParserPos pos = SqlParserPos.ZERO;
        if (value == null) {
            return SqlLiteral.createNull(pos);
        } else if (value instanceof Boolean each) {
            return SqlLiteral.createBoolean(each, pos);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return SqlLiteral.createExactNumeric(value.toString(), pos);
        } else if (value instanceof BigDecimal each) {
            return SqlLiteral.createExactNumeric(each.toPlainString(), pos);
        } else if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isNaN(number) || Double.isInfinite(number)) {
                throw new IllegalArgumentException("a row filter value is not a finite number");
            }
            return SqlLiteral.createApproxNumeric(Double.toString(number), pos);
        }
        return SqlLiteral.createCharString(value.toString(), pos);
    }

    /** DuckDB's printer, with string literals in the client's (Snowflake) escaping. */
    private static final class ClientDialect extends DuckDbSqlDialect {
        ClientDialect() {
            super(Set.of());
        }

        @Override
        public void quoteStringLiteral(StringBuilder buf, String charsetName, String val) {
            buf.append('\'').append(val.replace("\\", "\\\\").replace("'", "''")).append('\'');
        }
    }
}

package io.hatidata.sql.dialect;

import java.util.Set;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;

/**
 * Prints Calcite's SQL tree as DuckDB SQL.
 *
 * <p>Identifiers are printed as the client wrote them: a name is quoted only if the client quoted it, or
 * if it is not a plain identifier or is one of DuckDB's reserved words. So {@code select Amount from T}
 * stays {@code SELECT Amount FROM T} (DuckDB resolves it case-insensitively and names the column
 * {@code Amount}), and parameters {@code $1} stay bare. {@code OFFSET … FETCH} is printed as
 * {@code LIMIT … OFFSET}. One instance per statement, because the quoted names belong to the statement.
 */
public class DuckDbSqlDialect extends SqlDialect {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern PARAMETER = Pattern.compile("\\$[0-9]+");
    /** DuckDB's reserved keywords ({@code duckdb_keywords()}, category {@code reserved}). */
    private static final Set<String> RESERVED = Set.of(
            "ALL", "ANALYSE", "ANALYZE", "AND", "ANY", "ARRAY", "AS", "ASC", "ASYMMETRIC", "BOTH", "CASE", "CAST",
            "CHECK", "COLLATE", "COLUMN", "CONSTRAINT", "CREATE", "DEFAULT", "DEFERRABLE", "DESC", "DESCRIBE",
            "DISTINCT", "DO", "ELSE", "END", "EXCEPT", "FALSE", "FETCH", "FOR", "FOREIGN", "FROM", "GROUP",
            "HAVING", "IN", "INITIALLY", "INTERSECT", "INTO", "LAMBDA", "LATERAL", "LEADING", "LIMIT", "NOT",
            "NULL", "OFFSET", "ON", "ONLY", "OR", "ORDER", "PIVOT", "PIVOT_LONGER", "PIVOT_WIDER", "PLACING",
            "PRIMARY", "QUALIFY", "REFERENCES", "RETURNING", "SELECT", "SHOW", "SOME", "SUMMARIZE", "SYMMETRIC",
            "TABLE", "THEN", "TO", "TRAILING", "TRUE", "UNION", "UNIQUE", "UNPIVOT", "USING", "VARIADIC", "WHEN",
            "WHERE", "WINDOW", "WITH");
    private static final Context CONTEXT = PostgresqlSqlDialect.DEFAULT_CONTEXT
            .withDatabaseProduct(DatabaseProduct.UNKNOWN)
            .withDatabaseProductName("DuckDB")
            .withIdentifierQuoteString("\"")
            .withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(false);

    private final Set<String> quotedNames;

    /**
     * A dialect for one statement.
     *
     * @param quotedNames the names the client wrote in double quotes; they stay quoted
     */
    public DuckDbSqlDialect(Set<String> quotedNames) {
        super(CONTEXT);
        this.quotedNames = Set.copyOf(quotedNames);
    }

    @Override
    protected boolean identifierNeedsQuote(String name) {
        if (PARAMETER.matcher(name).matches()) {
            return false;
        }
        return quotedNames.contains(name) || !PLAIN.matcher(name).matches()
                || RESERVED.contains(name.toUpperCase(java.util.Locale.ROOT));
    }

    @Override
    public StringBuilder quoteIdentifier(StringBuilder buf, String name) {
        if (!identifierNeedsQuote(name)) {
            return buf.append(name);
        }
        return super.quoteIdentifier(buf, name);
    }

    @Override
    public void unparseCall(SqlWriter writer, org.apache.calcite.sql.SqlCall call, int leftPrec, int rightPrec) {
        if (call.getKind() == org.apache.calcite.sql.SqlKind.COLLECTION_TABLE) {
            // DuckDB calls table functions directly in FROM: json_each(x), not TABLE(json_each(x))
            call.operand(0).unparse(writer, 0, 0);
            return;
        }
        if (call.getOperator() instanceof org.apache.calcite.sql.fun.SqlJsonObjectFunction
                || call.getOperator() instanceof org.apache.calcite.sql.fun.SqlJsonArrayFunction) {
            // DuckDB's json_object(key, value, …) / json_array(value, …), not the standard KEY … VALUE
            // form; operand 0 is the ON NULL clause, which DuckDB does not have
            writer.print(call.getOperator() instanceof org.apache.calcite.sql.fun.SqlJsonObjectFunction
                    ? "json_object" : "json_array");
            SqlWriter.Frame frame = writer.startList(SqlWriter.FrameTypeEnum.FUN_CALL, "(", ")");
            for (SqlNode each : call.getOperandList().subList(1, call.operandCount())) {
                writer.sep(",");
                each.unparse(writer, 0, 0);
            }
            writer.endList(frame);
            return;
        }
        if (call.getKind() == org.apache.calcite.sql.SqlKind.ROW) {
            SqlWriter.Frame frame = writer.startList("(", ")");
            for (SqlNode each : call.getOperandList()) {
                writer.sep(",");
                each.unparse(writer, 0, 0);
            }
            writer.endList(frame);
            return;
        }
        super.unparseCall(writer, call, leftPrec, rightPrec);
    }

    /** String literals without a character-set prefix ({@code _UTF16'…'} means nothing to DuckDB). */
    @Override
    public void quoteStringLiteral(StringBuilder buf, String charsetName, String val) {
        buf.append('\'').append(val.replace("'", "''")).append('\'');
    }

    @Override
    public void unparseOffsetFetch(SqlWriter writer, SqlNode offset, SqlNode fetch) {
        unparseFetchUsingLimit(writer, offset, fetch);
    }

    @Override
    public boolean supportsCharSet() {
        return false;
    }

    @Override
    public boolean supportsNestedAggregations() {
        return false;
    }
}

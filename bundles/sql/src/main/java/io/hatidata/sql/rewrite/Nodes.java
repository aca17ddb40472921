package io.hatidata.sql.rewrite;

import java.util.List;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/** Small factory for the tree nodes the rewrites build. */
public final class Nodes {
    /** Position of generated nodes. */
    public static final SqlParserPos POS = SqlParserPos.ZERO;

    private Nodes() {}

    /** A call of a DuckDB function by name (printed as written, lower case). */
    public static SqlCall call(String name, SqlNode... args) {
        return function(name).createCall(POS, args);
    }

    /** A call of a DuckDB function by name. */
    public static SqlCall call(String name, List<SqlNode> args) {
        return function(name).createCall(POS, args);
    }

    /** A DuckDB function, for calls built with a quantifier or in an {@code OVER} clause. */
    public static SqlUnresolvedFunction function(String name) {
        return new SqlUnresolvedFunction(new SqlIdentifier(name, POS), null, null, null, null,
                SqlFunctionCategory.USER_DEFINED_FUNCTION);
    }

    /** A string literal. */
    public static SqlNode string(String value) {
        return SqlLiteral.createCharString(value, POS);
    }

    /** An integer literal. */
    public static SqlNode integer(long value) {
        return SqlLiteral.createExactNumeric(Long.toString(value), POS);
    }

    /** {@code CAST(node AS type)}. */
    public static SqlNode cast(SqlNode node, SqlDataTypeSpec type) {
        return SqlStdOperatorTable.CAST.createCall(POS, node, type);
    }

    /** A type by its DuckDB name, such as {@code JSON} or {@code TIMESTAMPTZ}. */
    public static SqlDataTypeSpec type(String name) {
        return new SqlDataTypeSpec(new SqlUserDefinedTypeNameSpec(name, POS), POS);
    }

    /** {@code DECIMAL(precision, scale)}. */
    public static SqlDataTypeSpec decimal(int precision, int scale) {
        return new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.DECIMAL, precision, scale, POS), POS);
    }

    /** The text of a string literal, or {@code null} when the node is not one. */
    public static String stringValue(SqlNode node) {
        return node instanceof SqlCharStringLiteral literal ? literal.getValueAs(String.class) : null;
    }

    /** The value of an integer literal, or {@code null} when the node is not one. */
    public static Long integerValue(SqlNode node) {
        if (node instanceof SqlNumericLiteral literal && literal.isInteger()) {
            return literal.getValueAs(Long.class);
        }
        if (node instanceof SqlCall call && call.getKind() == org.apache.calcite.sql.SqlKind.MINUS_PREFIX
                && call.operand(0) instanceof SqlNumericLiteral literal && literal.isInteger()) {
            return -literal.getValueAs(Long.class);
        }
        return null;
    }

    /** Whether the node is the {@code NULL} literal. */
    public static boolean isNull(SqlNode node) {
        return node instanceof SqlLiteral literal && literal.getTypeName() == SqlTypeName.NULL;
    }
}

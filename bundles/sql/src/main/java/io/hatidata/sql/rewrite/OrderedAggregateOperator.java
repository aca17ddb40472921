package io.hatidata.sql.rewrite;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWriter;

/**
 * DuckDB's ordered aggregate {@code name([DISTINCT] args ORDER BY …)}, the form Snowflake's
 * {@code … WITHIN GROUP (ORDER BY …)} becomes for {@code LISTAGG} and {@code ARRAY_AGG}. The last operand
 * is the order list.
 */
public final class OrderedAggregateOperator extends SqlFunction {

    private OrderedAggregateOperator(String name) {
        super(name, SqlKind.OTHER_FUNCTION, null, null, null, SqlFunctionCategory.USER_DEFINED_FUNCTION);
    }

    /** {@code name([DISTINCT] args ORDER BY order)}. */
    public static SqlCall call(String name, SqlLiteral quantifier, List<SqlNode> args, SqlNodeList order) {
        List<SqlNode> operands = new ArrayList<>(args);
        operands.add(order);
        return new OrderedAggregateOperator(name).createCall(quantifier, Nodes.POS, operands);
    }

    @Override
    public boolean isAggregator() {
        return true;
    }

    @Override
    public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
        writer.print(getName());
        SqlWriter.Frame frame = writer.startList(SqlWriter.FrameTypeEnum.FUN_CALL, "(", ")");
        if (call.getFunctionQuantifier() != null) {
            call.getFunctionQuantifier().unparse(writer, 0, 0);
        }
        List<SqlNode> operands = call.getOperandList();
        for (int i = 0; i < operands.size() - 1; i++) {
            writer.sep(",");
            operands.get(i).unparse(writer, 0, 0);
        }
        SqlNodeList order = (SqlNodeList) operands.get(operands.size() - 1);
        if (!order.isEmpty()) {
            writer.keyword("ORDER BY");
            SqlWriter.Frame orderFrame = writer.startList("", "");
            for (SqlNode each : order) {
                writer.sep(",");
                each.unparse(writer, 0, 0);
            }
            writer.endList(orderFrame);
        }
        writer.endList(frame);
    }
}

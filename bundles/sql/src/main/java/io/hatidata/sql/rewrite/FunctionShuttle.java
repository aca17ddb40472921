package io.hatidata.sql.rewrite;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Rewrites Snowflake function calls bottom-up (arguments first) through the table of
 * {@link FunctionRewrite}s contributed by the function classes of this package. A call whose name is
 * not in the table is left alone: DuckDB has most functions under Snowflake's names.
 */
public final class FunctionShuttle extends SqlShuttle {
    private static final Map<String, FunctionRewrite> FUNCTIONS = functions();

    private static Map<String, FunctionRewrite> functions() {
        Map<String, FunctionRewrite> result = new HashMap<>();
        ConditionalFunctions.register(result);
        DateTimeFunctions.register(result);
        StringFunctions.register(result);
        SemiStructuredFunctions.register(result);
        ConversionFunctions.register(result);
        AggregateFunctions.register(result);
        return Map.copyOf(result);
    }

    @Override
    public SqlNode visit(SqlCall call) {
        if (call.getKind() == SqlKind.WITHIN_GROUP && call.operand(0) instanceof SqlCall aggregate) {
            List<SqlNode> args = visitOperands(aggregate.getOperandList());
            SqlNodeList order = (SqlNodeList) call.operand(1).accept(this);
            SqlNode rewritten = AggregateFunctions.withinGroup(aggregate, args, order);
            if (rewritten != null) {
                return rewritten;
            }
        }
        SqlNode visited = super.visit(call);
        if (!(visited instanceof SqlCall each) || each.getKind() == SqlKind.SELECT) {
            return visited;
        }
        FunctionRewrite rewrite = FUNCTIONS.get(each.getOperator().getName().toUpperCase(Locale.ROOT));
        if (rewrite == null) {
            return visited;
        }
        return rewrite.rewrite(each, each.getOperandList());
    }

    private List<SqlNode> visitOperands(List<SqlNode> nodes) {
        return nodes.stream().map(each -> each == null ? null : each.accept(this)).toList();
    }
}

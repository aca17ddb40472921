package io.hatidata.sql.rewrite;

import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * Aggregates: {@code LISTAGG} (empty separator by default) and {@code ARRAY_AGG} (NULLs left out, an
 * empty array for no rows, a JSON array), with {@code WITHIN GROUP (ORDER BY …)} folded into DuckDB's
 * ordered aggregate, {@code BOOLAND_AGG}, {@code BOOLOR_AGG}. {@code COUNT_IF}, {@code MEDIAN},
 * {@code MODE} and {@code ANY_VALUE} exist in DuckDB under the same name.
 */
final class AggregateFunctions {
    private AggregateFunctions() {}

    static void register(Map<String, FunctionRewrite> functions) {
        functions.put("LISTAGG", (call, args) -> listagg(call, args, SqlNodeList.EMPTY));
        functions.put("ARRAY_AGG", (call, args) -> arrayAgg(call, args, SqlNodeList.EMPTY));
        functions.put("BOOLAND_AGG", FunctionRewrite.rename("bool_and"));
        functions.put("BOOLOR_AGG", FunctionRewrite.rename("bool_or"));
    }

    /** {@code agg(…) WITHIN GROUP (ORDER BY …)} for LISTAGG and ARRAY_AGG; {@code null} for other aggregates. */
    static SqlNode withinGroup(SqlCall aggregate, List<SqlNode> args, SqlNodeList order) {
        String name = aggregate.getOperator().getName().toUpperCase(java.util.Locale.ROOT);
        return switch (name) {
            case "LISTAGG" -> listagg(aggregate, args, order);
            case "ARRAY_AGG" -> arrayAgg(aggregate, args, order);
            default -> null;
        };
    }

    private static SqlNode listagg(SqlCall call, List<SqlNode> args, SqlNodeList order) {
        if (args.isEmpty() || args.size() > 2) {
            throw new RefusedConstruct("LISTAGG with " + args.size() + " arguments");
        }
        SqlNode separator = args.size() == 2 ? args.get(1) : Nodes.string("");
        SqlLiteral quantifier = call.getFunctionQuantifier();
        return OrderedAggregateOperator.call("string_agg", quantifier, List.of(args.get(0), separator), order);
    }

    private static SqlNode arrayAgg(SqlCall call, List<SqlNode> args, SqlNodeList order) {
        if (args.size() != 1) {
            throw new RefusedConstruct("ARRAY_AGG with " + args.size() + " arguments");
        }
        SqlNode list = OrderedAggregateOperator.call("list", call.getFunctionQuantifier(), args, order);
        SqlNode filtered = SqlStdOperatorTable.FILTER.createCall(Nodes.POS, list,
                SqlStdOperatorTable.IS_NOT_NULL.createCall(Nodes.POS, args.get(0)));
        return Templates.expand("COALESCE(to_json(_0), CAST('[]' AS JSON))", filtered);
    }
}

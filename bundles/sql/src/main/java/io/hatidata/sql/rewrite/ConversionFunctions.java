package io.hatidata.sql.rewrite;

import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlNode;

/**
 * {@code TO_NUMBER}/{@code TO_DECIMAL}/{@code TO_NUMERIC} (scale 0 unless given, rounding half away from
 * zero), their {@code TRY_} forms, {@code TO_DOUBLE}, {@code TO_BOOLEAN} and the other {@code TRY_TO_*}
 * functions, and the {@code INTERVAL '…'} literal without a unit.
 */
final class ConversionFunctions {
    private ConversionFunctions() {}

    static void register(Map<String, FunctionRewrite> functions) {
        for (String each : List.of("TO_NUMBER", "TO_DECIMAL", "TO_NUMERIC")) {
            functions.put(each, (call, args) -> Nodes.cast(args.get(0), number(each, args)));
            functions.put("TRY_" + each, (call, args) -> tryCast(args.get(0), number(each, args)));
        }
        functions.put("TO_DOUBLE", (call, args) -> Nodes.cast(args.get(0), Nodes.type("DOUBLE")));
        functions.put("TO_BOOLEAN", (call, args) -> Nodes.cast(args.get(0), Nodes.type("BOOLEAN")));
        functions.put("TRY_TO_DOUBLE", (call, args) -> Templates.expand("TRY_CAST(_0 AS DOUBLE)", args.get(0)));
        functions.put("TRY_TO_BOOLEAN", (call, args) -> Templates.expand("TRY_CAST(_0 AS BOOLEAN)", args.get(0)));
        functions.put("HD_INTERVAL", (call, args) -> Nodes.cast(args.get(0), Nodes.type("INTERVAL")));
    }

    /** {@code TRY_CAST(value AS type)}; built from a fixed template so the template cache stays bounded. */
    static SqlNode tryCast(SqlNode value, SqlDataTypeSpec type) {
        return Templates.expand("TRY_CAST(_0 AS INTEGER)", value).accept(new org.apache.calcite.sql.util.SqlShuttle() {
            @Override
            public SqlNode visit(SqlDataTypeSpec each) {
                return type;
            }
        });
    }

    private static SqlDataTypeSpec number(String name, List<SqlNode> args) {
        String[] parts = precision(name, args).split(", ");
        return Nodes.decimal(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }

    private static String precision(String name, List<SqlNode> args) {
        if (args.size() > 1 && Nodes.integerValue(args.get(1)) == null) {
            throw new RefusedConstruct(name + " with a format model");
        }
        long precision = args.size() > 1 ? Nodes.integerValue(args.get(1)) : 38;
        Long scale = args.size() > 2 ? Nodes.integerValue(args.get(2)) : Long.valueOf(0);
        if (scale == null || args.size() > 3) {
            throw new RefusedConstruct(name + " with " + args.size() + " arguments");
        }
        return precision + ", " + scale;
    }
}

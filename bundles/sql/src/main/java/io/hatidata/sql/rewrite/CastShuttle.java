package io.hatidata.sql.rewrite;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Casts ({@code CAST}, {@code TRY_CAST}, {@code ::}) with Snowflake's types and semantics:
 *
 * <ul>
 *   <li>{@code VARIANT}, {@code OBJECT}, {@code ARRAY} → the value as JSON ({@code to_json}); a JSON
 *       value cast to another type is extracted as text first ({@code json_extract_string}), so
 *       {@code v:a::string} gives the unquoted string;
 *   <li>{@code NUMBER}, {@code DECIMAL}, {@code NUMERIC} without precision → {@code DECIMAL(38, 0)};
 *       {@code STRING}/{@code TEXT} → {@code VARCHAR}; {@code TIMESTAMP_NTZ}/{@code DATETIME} →
 *       {@code TIMESTAMP}; {@code TIMESTAMP_LTZ}/{@code _TZ} → {@code TIMESTAMPTZ}; {@code FLOAT},
 *       {@code REAL}, {@code DOUBLE} → {@code DOUBLE} (Snowflake's floats are 64-bit);
 *       {@code BINARY}/{@code VARBINARY} → {@code BLOB}; {@code BYTEINT} → {@code TINYINT};
 *   <li>a cast to an integer type rounds half away from zero as Snowflake does (DuckDB rounds doubles
 *       half to even), by casting through {@code DECIMAL(38, 0)}.
 * </ul>
 */
public final class CastShuttle extends SqlShuttle {
    private final Set<String> jsonRelations;

    /**
     * @param jsonRelations aliases (lower case) whose {@code value} and {@code this} columns are JSON: the
     *     FLATTEN relations
     */
    public CastShuttle(Set<String> jsonRelations) {
        this.jsonRelations = Set.copyOf(jsonRelations);
    }

    private static final Set<String> SEMI_STRUCTURED = Set.of("VARIANT", "OBJECT", "ARRAY");
    private static final Set<String> INTEGERS = Set.of("INTEGER", "INT", "BIGINT", "SMALLINT", "TINYINT", "BYTEINT");
    private static final Set<String> JSON_PRODUCERS = Set.of(
            "json_extract", "json", "json_array", "json_object", "to_json");
    private static final Map<String, String> RENAMED = Map.ofEntries(
            Map.entry("STRING", "VARCHAR"), Map.entry("TEXT", "VARCHAR"), Map.entry("NVARCHAR", "VARCHAR"),
            Map.entry("NCHAR", "VARCHAR"), Map.entry("TIMESTAMP_NTZ", "TIMESTAMP"), Map.entry("DATETIME", "TIMESTAMP"),
            Map.entry("TIMESTAMP_LTZ", "TIMESTAMPTZ"), Map.entry("TIMESTAMP_TZ", "TIMESTAMPTZ"),
            Map.entry("FLOAT", "DOUBLE"), Map.entry("FLOAT4", "DOUBLE"), Map.entry("FLOAT8", "DOUBLE"),
            Map.entry("REAL", "DOUBLE"), Map.entry("DOUBLE", "DOUBLE"), Map.entry("BINARY", "BLOB"),
            Map.entry("VARBINARY", "BLOB"), Map.entry("BYTEINT", "TINYINT"));

    @Override
    public SqlNode visit(SqlCall call) {
        SqlNode visited = super.visit(call);
        if (!(visited instanceof SqlCall cast) || cast.operandCount() != 2
                || !(cast.operand(1) instanceof SqlDataTypeSpec type)) {
            return visited;
        }
        boolean isTry = cast.getOperator().getName().equalsIgnoreCase("TRY_CAST");
        if (!isTry && cast.getKind() != SqlKind.CAST && !cast.getOperator().getName().equals("::")) {
            return visited;
        }
        SqlNode value = cast.operand(0);
        String name = typeName(type);
        if (SEMI_STRUCTURED.contains(name)) {
            return producesJson(value) ? value : Nodes.call("to_json", value);
        }
        if (producesJson(value) && value instanceof SqlCall extract
                && extract.getOperator().getName().equals("json_extract")) {
            value = Nodes.call("json_extract_string", extract.getOperandList());
        } else if (isFlattenValue(value)) {
            value = Nodes.call("json_extract_string", value, Nodes.string("$"));
        }
        SqlDataTypeSpec target = mapped(type, name);
        if (INTEGERS.contains(name) && !isTry && mayBeFractional(value)) {
            value = Nodes.cast(value, Nodes.decimal(38, 0));
        }
        if (isTry) {
            return Templates.expand("TRY_CAST(_0 AS INTEGER)", value).accept(new TypeReplacer(target));
        }
        return SqlStdOperatorTable.CAST.createCall(Nodes.POS, value, target);
    }

    /**
     * Whether rounding matters: not for parameters (their type is inferred from the cast, so it must stay
     * the integer type), NULL, string literals and integer literals.
     */
    private static boolean mayBeFractional(SqlNode node) {
        if (node instanceof org.apache.calcite.sql.SqlDynamicParam || Nodes.isNull(node)
                || Nodes.stringValue(node) != null || Nodes.integerValue(node) != null) {
            return false;
        }
        return !(node instanceof org.apache.calcite.sql.SqlIdentifier id && id.isSimple()
                && id.getSimple().matches("\\$[0-9]+"));
    }

    private boolean isFlattenValue(SqlNode node) {
        if (node instanceof org.apache.calcite.sql.SqlIdentifier id && id.names.size() == 2) {
            String column = id.names.get(1).toLowerCase(Locale.ROOT);
            return (column.equals("value") || column.equals("this"))
                    && jsonRelations.contains(id.names.get(0).toLowerCase(Locale.ROOT));
        }
        return false;
    }

    private static String typeName(SqlDataTypeSpec type) {
        return type.getTypeName().getSimple().toUpperCase(Locale.ROOT);
    }

    private static boolean producesJson(SqlNode node) {
        return node instanceof SqlCall call && JSON_PRODUCERS.contains(call.getOperator().getName());
    }

    private static SqlDataTypeSpec mapped(SqlDataTypeSpec type, String name) {
        if (Set.of("NUMBER", "DECIMAL", "NUMERIC").contains(name)) {
            if (type.getTypeNameSpec() instanceof SqlBasicTypeNameSpec basic && basic.getPrecision() >= 0) {
                return Nodes.decimal(basic.getPrecision(), Math.max(0, basic.getScale()));
            }
            return Nodes.decimal(38, 0);
        }
        String renamed = RENAMED.get(name);
        return renamed == null ? type : Nodes.type(renamed);
    }

    /** Replaces the placeholder type of a template's {@code TRY_CAST}. */
    private static final class TypeReplacer extends SqlShuttle {
        private final SqlDataTypeSpec target;

        TypeReplacer(SqlDataTypeSpec target) {
            this.target = target;
        }

        @Override
        public SqlNode visit(org.apache.calcite.sql.SqlDataTypeSpec type) {
            return target;
        }
    }
}

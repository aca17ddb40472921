package io.hatidata.sql.rewrite;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;

/**
 * Date and time functions: {@code DATEADD}/{@code TIMEADD}/{@code TIMESTAMPADD}, {@code DATEDIFF} and
 * kin with Snowflake's boundary-counting semantics, {@code DATE_TRUNC}, {@code DATE_PART},
 * {@code TO_DATE}, {@code TO_TIMESTAMP(_NTZ/_LTZ/_TZ)}, {@code TO_CHAR}/{@code TO_VARCHAR},
 * {@code DAYNAME}, {@code MONTHNAME}, {@code SYSDATE}.
 */
final class DateTimeFunctions {
    private static final Map<String, String> ADD_FUNCTIONS = Map.of(
            "year", "to_years", "quarter", "to_quarters", "month", "to_months", "week", "to_weeks", "day", "to_days",
            "hour", "to_hours", "minute", "to_minutes", "second", "to_seconds", "millisecond", "to_milliseconds",
            "microsecond", "to_microseconds");
    private static final Set<String> DIFF_PARTS = Set.of(
            "year", "quarter", "month", "week", "day", "hour", "minute", "second", "millisecond", "microsecond");

    private DateTimeFunctions() {}

    static void register(Map<String, FunctionRewrite> functions) {
        FunctionRewrite add = DateTimeFunctions::add;
        functions.put("DATEADD", add);
        functions.put("TIMEADD", add);
        functions.put("TIMESTAMPADD", add);
        FunctionRewrite diff = DateTimeFunctions::diff;
        functions.put("DATEDIFF", diff);
        functions.put("TIMEDIFF", diff);
        functions.put("TIMESTAMPDIFF", diff);
        functions.put("DATE_TRUNC", (call, args) -> {
            if (args.size() != 2) {
                throw new RefusedConstruct("DATE_TRUNC with " + args.size() + " arguments");
            }
            String part = DateParts.of(args.get(0));
            SqlNode value = timestamp(args.get(1));
            SqlNode result = Nodes.call("date_trunc", Nodes.string(part), value);
            return isDate(args.get(1)) ? Nodes.cast(result, Nodes.type("DATE")) : result;
        });
        functions.put("DATE_PART", (call, args) -> {
            if (args.size() != 2) {
                throw new RefusedConstruct("DATE_PART with " + args.size() + " arguments");
            }
            String part = DateParts.of(args.get(0));
            SqlNode result = Nodes.call("date_part", Nodes.string(part), timestamp(args.get(1)));
            return part.equals("epoch") ? Templates.expand("CAST(floor(_0) AS BIGINT)", result) : result;
        });
        functions.put("DAYNAME", FunctionRewrite.template("DAYNAME", 1, "left(dayname(_0), 3)"));
        functions.put("MONTHNAME", FunctionRewrite.template("MONTHNAME", 1, "left(monthname(_0), 3)"));
        functions.put("SYSDATE", FunctionRewrite.template("SYSDATE", 0, "timezone('UTC', now())"));
        functions.put("GETDATE", FunctionRewrite.template("GETDATE", 0, "timezone('UTC', now())"));
        functions.put("TO_DATE", (call, args) -> toDate(args, "CAST", "strptime"));
        functions.put("DATE", (call, args) -> toDate(args, "CAST", "strptime"));
        functions.put("TRY_TO_DATE", (call, args) -> toDate(args, "TRY_CAST", "try_strptime"));
        functions.put("TO_TIMESTAMP", (call, args) -> toTimestamp(args, "TIMESTAMP"));
        functions.put("TO_TIMESTAMP_NTZ", (call, args) -> toTimestamp(args, "TIMESTAMP"));
        functions.put("TO_TIMESTAMP_LTZ", (call, args) -> toTimestamp(args, "TIMESTAMPTZ"));
        functions.put("TO_TIMESTAMP_TZ", (call, args) -> toTimestamp(args, "TIMESTAMPTZ"));
        functions.put("TRY_TO_TIMESTAMP", (call, args) -> tryCast(args, "TIMESTAMP"));
        functions.put("TRY_TO_TIMESTAMP_NTZ", (call, args) -> tryCast(args, "TIMESTAMP"));
        functions.put("TO_TIME", (call, args) -> Nodes.cast(one("TO_TIME", args), Nodes.type("TIME")));
        functions.put("DAYOFWEEKISO", FunctionRewrite.rename("isodow"));
        functions.put("WEEKISO", FunctionRewrite.rename("week"));
        functions.put("WEEKOFYEAR", FunctionRewrite.rename("week"));
        functions.put("YEAROFWEEK", FunctionRewrite.rename("isoyear"));
        functions.put("YEAROFWEEKISO", FunctionRewrite.rename("isoyear"));
        FunctionRewrite toChar = DateTimeFunctions::toChar;
        functions.put("TO_CHAR", toChar);
        functions.put("TO_VARCHAR", toChar);
    }

    private static SqlNode add(SqlCall call, List<SqlNode> args) {
        if (args.size() != 3) {
            throw new RefusedConstruct(call.getOperator().getName() + " with " + args.size() + " arguments");
        }
        String part = DateParts.of(args.get(0));
        String function = ADD_FUNCTIONS.get(part);
        if (function == null) {
            throw new RefusedConstruct(call.getOperator().getName() + " with the part " + part);
        }
        SqlNode result = Templates.expand("_0 + " + function + "(_1)", timestamp(args.get(2)), args.get(1));
        boolean dateResult = isDate(args.get(2)) && Set.of("year", "quarter", "month", "week", "day").contains(part);
        return dateResult ? Nodes.cast(result, Nodes.type("DATE")) : result;
    }

    /** Snowflake counts the part boundaries crossed: the difference of both values truncated to the part. */
    private static SqlNode diff(SqlCall call, List<SqlNode> args) {
        if (args.size() != 3) {
            throw new RefusedConstruct(call.getOperator().getName() + " with " + args.size() + " arguments");
        }
        String part = DateParts.of(args.get(0));
        if (!DIFF_PARTS.contains(part)) {
            throw new RefusedConstruct(call.getOperator().getName() + " with the part " + part);
        }
        SqlNode unit = Nodes.string(part);
        return Nodes.call("date_diff", unit, Nodes.call("date_trunc", unit, timestamp(args.get(1))),
                Nodes.call("date_trunc", unit, timestamp(args.get(2))));
    }

    private static SqlNode toDate(List<SqlNode> args, String cast, String parse) {
        if (args.size() == 1) {
            return cast.equals("CAST") ? Nodes.cast(args.get(0), Nodes.type("DATE"))
                    : Templates.expand("TRY_CAST(_0 AS DATE)", args.get(0));
        }
        if (args.size() == 2) {
            return Templates.expand("CAST(" + parse + "(_0, _1) AS DATE)", args.get(0), format(args.get(1)));
        }
        throw new RefusedConstruct("TO_DATE with " + args.size() + " arguments");
    }

    private static SqlNode toTimestamp(List<SqlNode> args, String type) {
        if (args.size() == 1) {
            SqlNode value = args.get(0);
            if (value instanceof SqlNumericLiteral || Nodes.integerValue(value) != null) {
                // a number is seconds since the epoch
                SqlNode result = Templates.expand("make_timestamp(CAST(_0 * 1000000.0 AS BIGINT))", value);
                return type.equals("TIMESTAMP") ? result : Nodes.cast(result, Nodes.type(type));
            }
            return Nodes.cast(value, Nodes.type(type));
        }
        if (args.size() == 2 && Nodes.stringValue(args.get(1)) != null) {
            SqlNode parsed = Nodes.call("strptime", args.get(0), format(args.get(1)));
            return type.equals("TIMESTAMP") ? parsed : Nodes.cast(parsed, Nodes.type(type));
        }
        throw new RefusedConstruct("TO_TIMESTAMP with a scale or " + args.size() + " arguments");
    }

    private static SqlNode tryCast(List<SqlNode> args, String type) {
        if (args.size() == 2) {
            return Nodes.call("try_strptime", args.get(0), format(args.get(1)));
        }
        return Templates.expand("TRY_CAST(_0 AS " + type + ")", one("TRY_TO_TIMESTAMP", args));
    }

    private static SqlNode toChar(SqlCall call, List<SqlNode> args) {
        if (args.size() == 1) {
            return Nodes.cast(args.get(0), Nodes.type("VARCHAR"));
        }
        String model = args.size() == 2 ? Nodes.stringValue(args.get(1)) : null;
        if (model == null) {
            throw new RefusedConstruct(call.getOperator().getName() + " with a format that is not a constant");
        }
        if (FormatModels.isNumeric(model)) {
            throw new RefusedConstruct(call.getOperator().getName() + " with the numeric format model '" + model + "'");
        }
        return Nodes.call("strftime", timestamp(args.get(0)), Nodes.string(FormatModels.toStrftime(model)));
    }

    private static SqlNode format(SqlNode model) {
        String text = Nodes.stringValue(model);
        if (text == null) {
            throw new RefusedConstruct("a format model that is not a constant");
        }
        return Nodes.string(FormatModels.toStrftime(text));
    }

    private static SqlNode one(String name, List<SqlNode> args) {
        if (args.size() != 1) {
            throw new RefusedConstruct(name + " with " + args.size() + " arguments");
        }
        return args.get(0);
    }

    /** A string literal argument becomes a timestamp, as Snowflake casts it implicitly. */
    static SqlNode timestamp(SqlNode node) {
        return Nodes.stringValue(node) != null ? Nodes.cast(node, Nodes.type("TIMESTAMP")) : node;
    }

    /** Whether the value is certainly a DATE (literal, cast or conversion), so the result stays a DATE. */
    static boolean isDate(SqlNode node) {
        if (node.getKind() == SqlKind.LITERAL) {
            return node.toString().toUpperCase(java.util.Locale.ROOT).startsWith("DATE '");
        }
        if (node instanceof SqlCall call && call.getKind() == SqlKind.CAST && call.operandCount() == 2) {
            return call.operand(1).toString().toUpperCase(java.util.Locale.ROOT).startsWith("DATE");
        }
        return node instanceof SqlCall call && call.getOperator().getName().equalsIgnoreCase("CURRENT_DATE");
    }
}

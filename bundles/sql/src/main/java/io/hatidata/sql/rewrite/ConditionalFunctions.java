package io.hatidata.sql.rewrite;

import static io.hatidata.sql.rewrite.FunctionRewrite.template;

import java.util.Map;

/** {@code IFF}, {@code NVL}, {@code NVL2}, {@code IFNULL}, {@code ZEROIFNULL}, {@code NULLIFZERO}, {@code DIV0}, {@code EQUAL_NULL}, {@code DECODE}. */
final class ConditionalFunctions {
    private ConditionalFunctions() {}

    static void register(Map<String, FunctionRewrite> functions) {
        functions.put("IFF", template("IFF", 3, "CASE WHEN _0 THEN _1 ELSE _2 END"));
        functions.put("NVL", template("NVL", 2, "COALESCE(_0, _1)"));
        functions.put("IFNULL", template("IFNULL", 2, "COALESCE(_0, _1)"));
        functions.put("NVL2", template("NVL2", 3, "CASE WHEN _0 IS NOT NULL THEN _1 ELSE _2 END"));
        functions.put("ZEROIFNULL", template("ZEROIFNULL", 1, "COALESCE(_0, 0)"));
        functions.put("NULLIFZERO", template("NULLIFZERO", 1, "NULLIF(_0, 0)"));
        functions.put("DIV0", template("DIV0", 2, "CASE WHEN _1 = 0 THEN 0 ELSE _0 / _1 END"));
        functions.put("DIV0NULL", template("DIV0NULL", 2, "CASE WHEN _1 = 0 OR _1 IS NULL THEN 0 ELSE _0 / _1 END"));
        functions.put("EQUAL_NULL", template("EQUAL_NULL", 2, "_0 IS NOT DISTINCT FROM _1"));
        functions.put("DECODE", (call, args) -> {
            if (args.size() < 3) {
                throw new RefusedConstruct("DECODE with " + args.size() + " arguments");
            }
            // Snowflake's DECODE matches NULL with NULL
            StringBuilder text = new StringBuilder("CASE");
            int i = 1;
            for (; i + 1 < args.size(); i += 2) {
                text.append(" WHEN _0 IS NOT DISTINCT FROM _").append(i).append(" THEN _").append(i + 1);
            }
            text.append(i < args.size() ? " ELSE _" + i : "").append(" END");
            return Templates.expand(text.toString(), args);
        });
    }
}

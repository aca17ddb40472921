package io.hatidata.sql.rewrite;

import static io.hatidata.sql.rewrite.FunctionRewrite.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlNode;

/**
 * Semi-structured data: Snowflake's VARIANT, OBJECT and ARRAY are DuckDB {@code JSON}. {@code PARSE_JSON},
 * {@code GET_PATH} (and the {@code :} path notation), {@code GET}, {@code ARRAY_CONSTRUCT},
 * {@code ARRAY_SIZE}, {@code ARRAY_CONTAINS}, {@code ARRAY_TO_STRING}, {@code OBJECT_CONSTRUCT}
 * (pairs with a NULL value are left out), {@code OBJECT_KEYS}, {@code TO_VARIANT}, {@code TO_JSON}.
 */
final class SemiStructuredFunctions {
    private SemiStructuredFunctions() {}

    static void register(Map<String, FunctionRewrite> functions) {
        functions.put("PARSE_JSON", template("PARSE_JSON", 1, "json(_0)"));
        functions.put("TRY_PARSE_JSON", template("TRY_PARSE_JSON", 1, "CASE WHEN json_valid(_0) THEN json(_0) END"));
        functions.put("TO_VARIANT", template("TO_VARIANT", 1, "to_json(_0)"));
        functions.put("TO_JSON", template("TO_JSON", 1, "CAST(to_json(_0) AS VARCHAR)"));
        functions.put("GET_PATH", (call, args) -> {
            String path = args.size() == 2 ? Nodes.stringValue(args.get(1)) : null;
            if (path == null) {
                throw new RefusedConstruct("GET_PATH with a path that is not a constant");
            }
            return Nodes.call("json_extract", args.get(0), Nodes.string(SnowflakePaths.toJsonPath(path)));
        });
        functions.put("JSON_EXTRACT_PATH_TEXT", (call, args) -> {
            String path = args.size() == 2 ? Nodes.stringValue(args.get(1)) : null;
            if (path == null) {
                throw new RefusedConstruct("JSON_EXTRACT_PATH_TEXT with a path that is not a constant");
            }
            return Nodes.call("json_extract_string", args.get(0), Nodes.string(SnowflakePaths.toJsonPath(path)));
        });
        functions.put("GET", (call, args) -> {
            if (args.size() == 2 && Nodes.integerValue(args.get(1)) != null) {
                return Nodes.call("json_extract", args.get(0), Nodes.string("$[" + Nodes.integerValue(args.get(1)) + "]"));
            }
            if (args.size() == 2 && Nodes.stringValue(args.get(1)) != null) {
                return Nodes.call("json_extract", args.get(0),
                        Nodes.string("$.\"" + Nodes.stringValue(args.get(1)) + "\""));
            }
            throw new RefusedConstruct("GET with a key that is not a constant");
        });
        functions.put("ARRAY_CONSTRUCT", (call, args) -> Nodes.call("json_array", args));
        functions.put("ARRAY_SIZE", template("ARRAY_SIZE", 1, "json_array_length(_0)"));
        functions.put("ARRAY_CONTAINS", template("ARRAY_CONTAINS", 2,
                "list_contains(from_json(_1, '[\"json\"]'), to_json(_0))"));
        functions.put("ARRAY_TO_STRING", template("ARRAY_TO_STRING", 2,
                "array_to_string(from_json(_0, '[\"varchar\"]'), _1)"));
        functions.put("OBJECT_CONSTRUCT", (call, args) -> objectConstruct(args, false));
        functions.put("OBJECT_CONSTRUCT_KEEP_NULL", (call, args) -> objectConstruct(args, true));
        functions.put("OBJECT_KEYS", template("OBJECT_KEYS", 1, "to_json(json_keys(_0))"));
    }

    private static SqlNode objectConstruct(List<SqlNode> args, boolean keepNull) {
        if (args.size() % 2 != 0) {
            throw new RefusedConstruct("OBJECT_CONSTRUCT(*) or with an odd number of arguments");
        }
        List<SqlNode> kept = new ArrayList<>();
        for (int i = 0; i < args.size(); i += 2) {
            if (keepNull || !Nodes.isNull(args.get(i + 1))) {
                kept.add(args.get(i));
                kept.add(args.get(i + 1));
            }
        }
        return Nodes.call("json_object", kept);
    }
}

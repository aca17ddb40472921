package io.hatidata.sql.rewrite;

import static io.hatidata.sql.rewrite.FunctionRewrite.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * String functions whose name or semantics differ: {@code SPLIT_PART} (part 0 is part 1),
 * {@code SPLIT}, {@code STRTOK}, {@code STARTSWITH}, {@code ENDSWITH}, {@code RLIKE}/{@code REGEXP_LIKE}
 * (whole-string match), {@code REGEXP_SUBSTR}/{@code _REPLACE}/{@code _COUNT} (all occurrences, NULL when
 * nothing matches), {@code INITCAP}, {@code LPAD}/{@code RPAD} (space by default), {@code CHARINDEX},
 * {@code CONCAT} (NULL when any argument is NULL), {@code EDITDISTANCE}, {@code UUID_STRING}.
 */
final class StringFunctions {
    /** Snowflake's default INITCAP delimiters: white space and these characters. */
    private static final String INITCAP_DELIMITERS = "\\s!?@\"^#$&~_,.:;+*%/|\\\\\\[\\](){}<>-";

    private StringFunctions() {}

    static void register(Map<String, FunctionRewrite> functions) {
        functions.put("SPLIT_PART", (call, args) -> {
            if (args.size() != 3) {
                throw new RefusedConstruct("SPLIT_PART with " + args.size() + " arguments");
            }
            Long part = Nodes.integerValue(args.get(2));
            if (part != null) {
                return Nodes.call("split_part", args.get(0), args.get(1), Nodes.integer(part == 0 ? 1 : part));
            }
            return Templates.expand("split_part(_0, _1, CASE WHEN _2 = 0 THEN 1 ELSE _2 END)", args);
        });
        functions.put("SPLIT", template("SPLIT", 2, "to_json(string_split(_0, _1))"));
        functions.put("STRTOK", (call, args) -> Templates.expand(
                "list_extract(regexp_extract_all(_0, _1), _2)",
                args.get(0), tokenPattern(args, "STRTOK"), args.size() > 2 ? args.get(2) : Nodes.integer(1)));
        functions.put("STRTOK_TO_ARRAY", (call, args) -> Templates.expand(
                "to_json(regexp_extract_all(_0, _1))", args.get(0), tokenPattern(args, "STRTOK_TO_ARRAY")));
        functions.put("STARTSWITH", template("STARTSWITH", 2, "starts_with(_0, _1)"));
        functions.put("ENDSWITH", template("ENDSWITH", 2, "ends_with(_0, _1)"));
        FunctionRewrite rlike = (call, args) -> regexpLike(args);
        functions.put("RLIKE", rlike);
        functions.put("REGEXP_LIKE", rlike);
        functions.put("NOT RLIKE", (call, args) -> SqlStdOperatorTable.NOT.createCall(Nodes.POS, regexpLike(args)));
        functions.put("REGEXP_SUBSTR", (call, args) -> regexpSubstr(args));
        functions.put("REGEXP_REPLACE", (call, args) -> regexpReplace(args));
        functions.put("REGEXP_COUNT", (call, args) -> {
            if (args.size() != 2) {
                throw new RefusedConstruct("REGEXP_COUNT with a position or parameters");
            }
            return Templates.expand("len(regexp_extract_all(_0, _1))", args);
        });
        functions.put("INITCAP", (call, args) -> {
            if (args.size() != 1) {
                throw new RefusedConstruct("INITCAP with delimiters");
            }
            String words = "[" + INITCAP_DELIMITERS + "]+|[^" + INITCAP_DELIMITERS + "]+";
            return Templates.expand("array_to_string(list_transform(regexp_extract_all(_0, _1), "
                    + "w -> upper(left(w, 1)) || lower(substr(w, 2))), '')", args.get(0), Nodes.string(words));
        });
        functions.put("LPAD", (call, args) -> pad("lpad", args));
        functions.put("RPAD", (call, args) -> pad("rpad", args));
        functions.put("CHARINDEX", (call, args) -> {
            if (args.size() == 2) {
                return Templates.expand("instr(_1, _0)", args);
            }
            return Templates.expand("CASE WHEN instr(substr(_1, _2), _0) = 0 THEN 0 "
                    + "ELSE instr(substr(_1, _2), _0) + _2 - 1 END", args);
        });
        functions.put("CONCAT", (call, args) -> {
            SqlNode result = args.get(0);
            for (int i = 1; i < args.size(); i++) {
                result = SqlStdOperatorTable.CONCAT.createCall(Nodes.POS, result, args.get(i));
            }
            return args.size() == 1 ? Nodes.cast(result, Nodes.type("VARCHAR")) : result;
        });
        functions.put("EDITDISTANCE", template("EDITDISTANCE", 2, "levenshtein(_0, _1)"));
        functions.put("UUID_STRING", template("UUID_STRING", 0, "CAST(uuid() AS VARCHAR)"));
        functions.put("SHA2", (call, args) -> Nodes.call("sha256", args.get(0)));
        functions.put("REPLACE", (call, args) -> args.size() == 2
                ? Nodes.call("replace", args.get(0), args.get(1), Nodes.string(""))
                : Nodes.call("replace", args));
    }

    private static SqlNode tokenPattern(List<SqlNode> args, String name) {
        String delimiters = args.size() > 1 ? Nodes.stringValue(args.get(1)) : " ";
        if (delimiters == null) {
            throw new RefusedConstruct(name + " with delimiters that are not a constant");
        }
        StringBuilder pattern = new StringBuilder("[^");
        for (char c : delimiters.toCharArray()) {
            pattern.append("\\^[]-".indexOf(c) >= 0 ? "\\" + c : String.valueOf(c));
        }
        return Nodes.string(delimiters.isEmpty() ? ".+" : pattern.append("]+").toString());
    }

    private static SqlNode regexpLike(List<SqlNode> args) {
        if (args.size() == 2) {
            return Nodes.call("regexp_full_match", args.get(0), args.get(1));
        }
        return Nodes.call("regexp_full_match", args.get(0), args.get(1), options(args.get(2), ""));
    }

    private static SqlNode regexpSubstr(List<SqlNode> args) {
        if (args.size() < 2 || args.size() > 6) {
            throw new RefusedConstruct("REGEXP_SUBSTR with " + args.size() + " arguments");
        }
        SqlNode subject = args.size() > 2 && !Long.valueOf(1).equals(Nodes.integerValue(args.get(2)))
                ? Nodes.call("substr", args.get(0), args.get(2)) : args.get(0);
        SqlNode pattern = args.get(1);
        if (args.size() > 4 && Nodes.stringValue(args.get(4)) != null && Nodes.stringValue(args.get(4)).contains("i")) {
            pattern = Templates.expand("'(?i)' || _0", pattern);
        }
        SqlNode group = args.size() > 5 ? args.get(5) : Nodes.integer(0);
        Long occurrence = args.size() > 3 ? Nodes.integerValue(args.get(3)) : Long.valueOf(1);
        if (Long.valueOf(1).equals(occurrence)) {
            return Templates.expand("CASE WHEN regexp_matches(_0, _1) THEN regexp_extract(_0, _1, _2) END",
                    subject, pattern, group);
        }
        return Templates.expand("list_extract(regexp_extract_all(_0, _1, _2), _3)", subject, pattern, group,
                args.get(3));
    }

    private static SqlNode regexpReplace(List<SqlNode> args) {
        if (args.size() < 2 || args.size() > 6) {
            throw new RefusedConstruct("REGEXP_REPLACE with " + args.size() + " arguments");
        }
        if (args.size() > 3 && !Long.valueOf(1).equals(Nodes.integerValue(args.get(3)))) {
            throw new RefusedConstruct("REGEXP_REPLACE with a start position other than 1");
        }
        if (args.size() > 4 && !Long.valueOf(0).equals(Nodes.integerValue(args.get(4)))) {
            throw new RefusedConstruct("REGEXP_REPLACE of one occurrence");
        }
        SqlNode replacement = args.size() > 2 ? args.get(2) : Nodes.string("");
        SqlNode options = args.size() > 5 ? options(args.get(5), "g") : Nodes.string("g");
        return Nodes.call("regexp_replace", args.get(0), args.get(1), replacement, options);
    }

    private static SqlNode options(SqlNode parameters, String base) {
        String text = Nodes.stringValue(parameters);
        if (text == null) {
            throw new RefusedConstruct("regular expression parameters that are not a constant");
        }
        StringBuilder result = new StringBuilder(base);
        for (char c : text.toCharArray()) {
            if (c == 'i' || c == 'c' || c == 'm' || c == 's') {
                result.append(c);
            } else if (c != 'e') {
                throw new RefusedConstruct("regular expression parameter '" + c + "'");
            }
        }
        return Nodes.string(result.toString());
    }

    private static SqlNode pad(String name, List<SqlNode> args) {
        List<SqlNode> padded = new ArrayList<>(args);
        if (padded.size() == 2) {
            padded.add(Nodes.string(" "));
        }
        return Nodes.call(name, padded);
    }
}

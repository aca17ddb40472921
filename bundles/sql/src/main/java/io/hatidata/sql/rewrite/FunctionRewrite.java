package io.hatidata.sql.rewrite;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;

/** Turns one Snowflake function call, whose arguments are already rewritten, into DuckDB SQL. */
@FunctionalInterface
public interface FunctionRewrite {

    /**
     * The DuckDB expression for the call.
     *
     * @param call the original call (for its quantifier, {@code DISTINCT})
     * @param args its arguments, already rewritten
     * @throws RefusedConstruct when the call has no DuckDB equivalent
     */
    SqlNode rewrite(SqlCall call, List<SqlNode> args);

    /** A rewrite by template ({@link Templates}) for calls with exactly {@code arity} arguments. */
    static FunctionRewrite template(String name, int arity, String template) {
        return (call, args) -> {
            if (args.size() != arity) {
                throw new RefusedConstruct(name + " with " + args.size() + " arguments");
            }
            return Templates.expand(template, args);
        };
    }

    /** A rename keeping the arguments. */
    static FunctionRewrite rename(String duckDbName) {
        return (call, args) -> Nodes.function(duckDbName).createCall(call.getFunctionQuantifier(), Nodes.POS, args);
    }
}

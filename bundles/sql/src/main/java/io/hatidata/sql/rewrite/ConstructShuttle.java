package io.hatidata.sql.rewrite;

import io.hatidata.sql.parse.SnowflakePreprocessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlHint;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Structural rewrites: {@code SELECT TOP n} becomes a {@code LIMIT} (on the surrounding
 * {@code ORDER BY} when there is one), {@code GROUP BY ALL} prints as DuckDB's {@code GROUP BY ALL},
 * and {@code [LATERAL] TABLE(FLATTEN(input => e))} becomes a lateral sub-query over DuckDB's
 * {@code json_each} with Snowflake's output columns {@code seq, key, path, index, value, this}.
 * {@code QUALIFY} needs nothing: DuckDB has it.
 */
public final class ConstructShuttle extends SqlShuttle {
    private static final String FLATTEN = "(SELECT 1 AS seq,"
            + " CASE WHEN json_type(_0) = 'OBJECT' THEN hd_each.\"key\" END AS \"key\","
            + " regexp_replace(hd_each.fullkey, '^\\$\\.?', '') AS \"path\","
            + " CASE WHEN json_type(_0) = 'ARRAY' THEN CAST(hd_each.\"key\" AS BIGINT) END AS \"index\","
            + " hd_each.\"value\" AS \"value\", _0 AS this"
            + " FROM json_each(_0) AS hd_each)";

    private final java.util.Set<String> flattenAliases = new java.util.HashSet<>();

    /** The aliases of the FLATTEN relations seen, lower case: their {@code value} and {@code this} are JSON. */
    public java.util.Set<String> flattenAliases() {
        return flattenAliases;
    }

    @Override
    public SqlNode visit(SqlCall call) {
        if (call.getKind() == SqlKind.AS && call.operand(0) instanceof SqlCall relation
                && (isFlatten(relation) || (relation.getKind() == SqlKind.LATERAL
                        && relation.operand(0) instanceof SqlCall table && isFlatten(table)))) {
            flattenAliases.add(call.operand(1).toString().replace("`", "").toLowerCase(Locale.ROOT));
        }
        if (call instanceof SqlOrderBy orderBy && orderBy.query instanceof SqlSelect select && top(select) != null) {
            SqlNode fetch = top(select);
            select.setHints(withoutTop(select.getHints()));
            SqlSelect inner = (SqlSelect) select.accept(this);
            return new SqlOrderBy(orderBy.getParserPosition(), inner, visitList(orderBy.orderList),
                    orderBy.offset, orderBy.fetch != null ? orderBy.fetch : fetch);
        }
        if (call instanceof SqlSelect select) {
            SqlNode fetch = top(select);
            if (fetch != null) {
                select.setHints(withoutTop(select.getHints()));
                if (select.getFetch() == null) {
                    select.setFetch(fetch);
                }
            }
            if (select.getGroup() != null) {
                select.setOperand(4, groupByAll(select.getGroup()));
            }
            return super.visit(select);
        }
        if (call.getKind() == SqlKind.LATERAL && call.operand(0) instanceof SqlCall table && isFlatten(table)) {
            return flatten(table);
        }
        if (call.getKind() == SqlKind.COLLECTION_TABLE && isFlatten(call)) {
            return flatten(call);
        }
        return super.visit(call);
    }

    private SqlNodeList visitList(SqlNodeList list) {
        SqlNode result = list.accept(this);
        return (SqlNodeList) result;
    }

    private static SqlNode top(SqlSelect select) {
        if (select.getHints() == null) {
            return null;
        }
        for (SqlNode each : select.getHints()) {
            if (each instanceof SqlHint hint && hint.getName().equalsIgnoreCase("HD_TOP")) {
                return Nodes.integer(Long.parseLong(hint.getOptionList().get(0)));
            }
        }
        return null;
    }

    private static SqlNodeList withoutTop(SqlNodeList hints) {
        List<SqlNode> kept = new ArrayList<>();
        for (SqlNode each : hints) {
            if (!(each instanceof SqlHint hint && hint.getName().equalsIgnoreCase("HD_TOP"))) {
                kept.add(each);
            }
        }
        return new SqlNodeList(kept, hints.getParserPosition());
    }

    private static SqlNodeList groupByAll(SqlNodeList group) {
        if (group.size() == 1 && group.get(0) instanceof SqlIdentifier id && id.isSimple()
                && id.getSimple().equals(SnowflakePreprocessor.GROUP_BY_ALL)) {
            return SqlNodeList.of(KeywordOperator.node("ALL"));
        }
        return group;
    }

    private static boolean isFlatten(SqlCall table) {
        return table.getKind() == SqlKind.COLLECTION_TABLE && table.operand(0) instanceof SqlCall function
                && function.getOperator().getName().toUpperCase(Locale.ROOT).equals("FLATTEN");
    }

    private SqlNode flatten(SqlCall table) {
        SqlCall function = table.operand(0);
        SqlNode input = null;
        for (SqlNode each : function.getOperandList()) {
            if (each.getKind() == SqlKind.ARGUMENT_ASSIGNMENT) {
                SqlCall assignment = (SqlCall) each;
                String name = assignment.operand(1).toString().replace("`", "").replace("\"", "").toUpperCase(Locale.ROOT);
                if (!name.equals("INPUT")) {
                    throw new RefusedConstruct("FLATTEN with the argument " + name);
                }
                input = assignment.operand(0);
            } else if (input == null) {
                input = each;
            } else {
                throw new RefusedConstruct("FLATTEN with positional arguments after the input");
            }
        }
        if (input == null) {
            throw new RefusedConstruct("FLATTEN without an input");
        }
        SqlNode rewrittenInput = input.accept(this);
        SqlNode subquery = Templates.expand(FLATTEN, rewrittenInput);
        return SqlStdOperatorTable.LATERAL.createCall(Nodes.POS, subquery);
    }
}

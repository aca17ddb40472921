package io.hatidata.sql.rewrite;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Snowflake sorts NULL as the largest value: last ascending, first descending. DuckDB sorts NULL last
 * both ways, so every {@code DESC} without an explicit {@code NULLS FIRST/LAST} (in {@code ORDER BY},
 * window and {@code WITHIN GROUP} orders) gets {@code NULLS FIRST}.
 */
public final class NullOrderingShuttle extends SqlShuttle {

    @Override
    public SqlNode visit(SqlNodeList list) {
        SqlNodeList visited = (SqlNodeList) super.visit(list);
        List<SqlNode> items = null;
        for (int i = 0; i < visited.size(); i++) {
            SqlNode each = visited.get(i);
            if (each != null && each.getKind() == SqlKind.DESCENDING) {
                if (items == null) {
                    items = new ArrayList<>(visited.getList());
                }
                items.set(i, SqlStdOperatorTable.NULLS_FIRST.createCall(Nodes.POS, each));
            }
        }
        return items == null ? visited : new SqlNodeList(items, visited.getParserPosition());
    }
}

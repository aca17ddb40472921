package io.hatidata.sql.analysis;

import io.hatidata.api.sql.TableReference;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;

/**
 * Collects every table a statement reads and writes: in FROM clauses at any depth (joins, sub-queries in
 * any clause, set operations, {@code LATERAL}, common table expressions), as targets of
 * INSERT/UPDATE/DELETE/MERGE and as objects of DDL. A name that refers to a common table expression in
 * scope is not a table.
 */
public final class TableCollector {
    private final Set<TableReference> read = new LinkedHashSet<>();
    private final Set<TableReference> written = new LinkedHashSet<>();
    private final Deque<Set<String>> cteScopes = new ArrayDeque<>();

    /** Tables read, in order of first appearance. */
    public List<TableReference> read() {
        return List.copyOf(read);
    }

    /** Tables written. */
    public List<TableReference> written() {
        return List.copyOf(written);
    }

    /** Walks one statement. */
    public TableCollector collect(SqlNode node) {
        statement(node);
        return this;
    }

    private void statement(SqlNode node) {
        if (node instanceof SqlInsert insert) {
            target(insert.getTargetTable());
            expression(insert.getSource());
        } else if (node instanceof SqlUpdate update) {
            target(update.getTargetTable());
            expression(update.getSourceExpressionList());
            expression(update.getCondition());
        } else if (node instanceof SqlDelete delete) {
            target(delete.getTargetTable());
            expression(delete.getCondition());
        } else if (node instanceof SqlMerge merge) {
            target(merge.getTargetTable());
            from(merge.getSourceTableRef());
            expression(merge.getCondition());
            expression(merge.getUpdateCall());
            expression(merge.getInsertCall() == null ? null : ((SqlInsert) merge.getInsertCall()).getSource());
        } else if (node != null && SqlKind.DDL.contains(node.getKind()) && node instanceof SqlCall ddl) {
            boolean named = false;
            for (SqlNode each : ddl.getOperandList()) {
                if (!named && each instanceof SqlIdentifier id) {
                    written.add(table(id));
                    named = true;
                } else if (each != null && (SqlKind.QUERY.contains(each.getKind()) || each.getKind() == SqlKind.WITH
                        || each.getKind() == SqlKind.ORDER_BY)) {
                    expression(each);
                }
            }
        } else {
            expression(node);
        }
    }

    private void target(SqlNode node) {
        SqlNode table = node != null && node.getKind() == SqlKind.AS ? ((SqlCall) node).operand(0) : node;
        if (table instanceof SqlIdentifier id) {
            written.add(table(id));
        } else {
            from(table);
        }
    }

    /** An expression or query: finds sub-queries in it. */
    private void expression(SqlNode node) {
        if (node == null || node instanceof SqlIdentifier) {
            return;
        }
        if (node instanceof SqlNodeList list) {
            for (SqlNode each : list) {
                expression(each);
            }
        } else if (node instanceof SqlWith with) {
            Set<String> names = new HashSet<>();
            for (SqlNode each : with.withList) {
                names.add(((SqlWithItem) each).name.getSimple().toLowerCase(Locale.ROOT));
            }
            cteScopes.push(names);
            for (SqlNode each : with.withList) {
                expression(((SqlWithItem) each).query);
            }
            expression(with.body);
            cteScopes.pop();
        } else if (node instanceof SqlSelect select) {
            from(select.getFrom());
            expression(select.getSelectList());
            expression(select.getWhere());
            expression(select.getGroup());
            expression(select.getHaving());
            expression(select.getQualify());
            expression(select.getOrderList());
        } else if (node instanceof SqlCall call) {
            for (SqlNode each : call.getOperandList()) {
                expression(each);
            }
        }
    }

    private void from(SqlNode node) {
        if (node == null) {
            return;
        }
        if (node instanceof SqlIdentifier id) {
            if (!(id.isSimple() && isCte(id.getSimple()))) {
                read.add(table(id));
            }
        } else if (node instanceof SqlJoin join) {
            from(join.getLeft());
            from(join.getRight());
            expression(join.getCondition());
        } else if (node.getKind() == SqlKind.AS || node.getKind() == SqlKind.LATERAL
                || node.getKind() == SqlKind.TABLE_REF) {
            from(((SqlCall) node).operand(0));
        } else {
            expression(node);
        }
    }

    private boolean isCte(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Set<String> each : cteScopes) {
            if (each.contains(lower)) {
                return true;
            }
        }
        return false;
    }

    static TableReference table(SqlIdentifier id) {
        List<String> names = id.names;
        return new TableReference(names.size() > 3 ? names.subList(names.size() - 3, names.size()) : names);
    }
}

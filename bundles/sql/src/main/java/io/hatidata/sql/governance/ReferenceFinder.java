package io.hatidata.sql.governance;

import io.hatidata.api.sql.GovernedTable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Walks a parsed statement and finds every reference to a governed table that reads it: in FROM clauses
 * at any depth (joins, sub-queries in any clause, set operations, {@code LATERAL}, common table
 * expressions) and the targets of UPDATE and DELETE. A name refers to a common table expression only where
 * that is certain: in the body of the WITH and in later siblings, and in its own body only when the WITH
 * is RECURSIVE (elsewhere it is the table, as in PostgreSQL and DuckDB). Treating a CTE as the table
 * over-masks; the reverse would leak, so doubt goes to the table.
 *
 * <p>Constructs it does not walk (PIVOT, MATCH_RECOGNIZE, TABLESAMPLE, EXPLAIN, MERGE, views, …) are
 * refused when a governed name appears anywhere inside them; so are the dynamic-SQL table functions
 * {@code query} and {@code query_table}, whose argument is text.
 */
final class ReferenceFinder {
    /** DuckDB functions that run SQL or read a table named by a string (json_execute_serialized_sql runs a serialized statement). */
    static final Set<String> DYNAMIC_FUNCTIONS = Set.of("query", "query_table", "json_execute_serialized_sql");

    /** A FROM-clause reference: replaced by the sub-query, under its alias if it has one. */
    record Occurrence(SqlIdentifier id, boolean aliased, GovernedTable table) {}

    /** The target of UPDATE or DELETE. */
    record Target(SqlCall statement, GovernedTable table) {}

    private final GovernedNames names;
    private final List<Occurrence> occurrences = new ArrayList<>();
    private final List<Target> targets = new ArrayList<>();
    private final Deque<Set<String>> cteScopes = new ArrayDeque<>();

    ReferenceFinder(GovernedNames names) {
        this.names = names;
    }

    List<Occurrence> occurrences() {
        return List.copyOf(occurrences);
    }

    List<Target> targets() {
        return List.copyOf(targets);
    }

    /** Walks one statement. */
    ReferenceFinder statement(SqlNode node) throws Unsafe {
        if (node instanceof SqlInsert insert) {
            expression(insert.getSource());
        } else if (node instanceof SqlUpdate update) {
            target(update, update.getTargetTable());
            expression(update.getSourceExpressionList());
            expression(update.getCondition());
        } else if (node instanceof SqlDelete delete) {
            target(delete, delete.getTargetTable());
            expression(delete.getCondition());
        } else if (node != null && (node.getKind() == SqlKind.CREATE_VIEW
                || node.getKind() == SqlKind.CREATE_MATERIALIZED_VIEW)) {
            refuseIfGoverned(node, "a view over a governed table is expanded for whoever reads it later");
        } else if (node != null && SqlKind.DDL.contains(node.getKind()) && node instanceof SqlCall ddl) {
            boolean named = false;
            for (SqlNode each : ddl.getOperandList()) {
                if (each == null) {
                    continue;
                }
                if (!named && each instanceof SqlIdentifier id) {
                    named = true;
                    if (names.of(id) != null) {
                        throw new Unsafe(names.of(id), "DDL on a governed table");
                    }
                } else if (isQuery(each)) {
                    expression(each);
                } else {
                    refuseIfGoverned(each, "DDL that names a governed table");
                }
            }
        } else if (node != null && isQuery(node)) {
            expression(node);
        } else if (node != null) {
            refuseIfGoverned(node, "a " + node.getKind().lowerName.replace('_', ' ') + " statement names a governed table");
        }
        return this;
    }

    private static boolean isQuery(SqlNode node) {
        return SqlKind.QUERY.contains(node.getKind()) || node.getKind() == SqlKind.WITH
                || node.getKind() == SqlKind.ORDER_BY || node.getKind() == SqlKind.VALUES;
    }

    private void target(SqlCall statement, SqlNode target) throws Unsafe {
        SqlNode table = target != null && target.getKind() == SqlKind.AS ? ((SqlCall) target).operand(0) : target;
        if (table instanceof SqlIdentifier id) {
            GovernedTable governed = names.of(id);
            if (governed != null) {
                targets.add(new Target(statement, governed));
            }
        } else if (table != null) {
            from(table, false);
        }
    }

    /** An expression or query: finds the queries in it. */
    private void expression(SqlNode node) throws Unsafe {
        if (node == null || node instanceof SqlIdentifier) {
            return;
        }
        if (node instanceof SqlNodeList list) {
            for (SqlNode each : list) {
                expression(each);
            }
        } else if (node instanceof SqlWith with) {
            with(with);
        } else if (node instanceof SqlSelect select) {
            from(select.getFrom(), false);
            expression(select.getSelectList());
            expression(select.getWhere());
            expression(select.getGroup());
            expression(select.getHaving());
            expression(select.getQualify());
            expression(select.getWindowList());
            expression(select.getOrderList());
            expression(select.getOffset());
            expression(select.getFetch());
        } else if (node.getKind() == SqlKind.EXPLICIT_TABLE) {
            refuseIfGoverned(node, "TABLE of a governed table");
        } else if (node instanceof SqlCall call) {
            dynamic(call);
            for (SqlNode each : call.getOperandList()) {
                expression(each);
            }
        }
    }

    private void with(SqlWith with) throws Unsafe {
        Set<String> visible = new HashSet<>();
        cteScopes.push(visible);
        try {
            for (SqlNode each : with.withList) {
                SqlWithItem item = (SqlWithItem) each;
                String name = item.name.getSimple().toLowerCase(Locale.ROOT);
                boolean recursive = item.recursive != null && item.recursive.booleanValue();
                if (recursive) {
                    visible.add(name);
                }
                expression(item.query);
                visible.add(name);
            }
            expression(with.body);
        } finally {
            cteScopes.pop();
        }
    }

    private void from(SqlNode node, boolean aliased) throws Unsafe {
        if (node == null) {
            return;
        }
        if (node instanceof SqlIdentifier id) {
            GovernedTable governed = names.of(id);
            if (governed != null && !(id.isSimple() && isCte(id.getSimple()))) {
                occurrences.add(new Occurrence(id, aliased, governed));
            }
        } else if (node instanceof SqlJoin join) {
            from(join.getLeft(), false);
            from(join.getRight(), false);
            expression(join.getCondition());
        } else if (node.getKind() == SqlKind.AS) {
            SqlCall as = (SqlCall) node;
            from(as.operand(0), true);
        } else if (node.getKind() == SqlKind.LATERAL || node.getKind() == SqlKind.TABLE_REF) {
            from(((SqlCall) node).operand(0), aliased);
        } else if (isQuery(node) || node.getKind() == SqlKind.COLLECTION_TABLE || node.getKind() == SqlKind.UNNEST) {
            expression(node);
        } else {
            refuseIfGoverned(node, node.getKind().lowerName.replace('_', ' ') + " over a governed table");
            expression(node);
        }
    }

    private void dynamic(SqlCall call) throws Unsafe {
        if (call.getOperator() instanceof SqlFunction function && !names.isEmpty()
                && DYNAMIC_FUNCTIONS.contains(function.getName().toLowerCase(Locale.ROOT))) {
            throw new Unsafe(null, "dynamic SQL (" + function.getName().toLowerCase(Locale.ROOT)
                    + ") cannot be checked against policies");
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

    /** Refuses when any identifier in the node names a governed table. */
    private void refuseIfGoverned(SqlNode node, String reason) throws Unsafe {
        GovernedTable found = firstGoverned(node);
        if (found != null) {
            throw new Unsafe(found, reason);
        }
    }

    private GovernedTable firstGoverned(SqlNode node) {
        GovernedTable[] found = {null};
        node.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlIdentifier id) {
                if (found[0] == null) {
                    found[0] = names.of(id);
                    for (int i = 0; found[0] == null && i < id.names.size(); i++) {
                        found[0] = names.ofWord(id.names.get(i));
                    }
                }
                return null;
            }
        });
        return found[0];
    }

    /** Whether a masked column of this table is named anywhere in the node (any part of any identifier). */
    static boolean namesColumn(SqlNode node, Set<String> lowerColumns) {
        if (node == null) {
            return false;
        }
        boolean[] found = {false};
        node.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlIdentifier id) {
                for (String each : id.names) {
                    if (lowerColumns.contains(each.toLowerCase(Locale.ROOT))) {
                        found[0] = true;
                    }
                }
                return null;
            }
        });
        return found[0];
    }
}

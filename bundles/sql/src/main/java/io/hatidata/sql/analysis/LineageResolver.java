package io.hatidata.sql.analysis;

import io.hatidata.api.sql.ColumnLineage;
import io.hatidata.api.sql.SourceColumn;
import io.hatidata.api.sql.TableReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;

/**
 * The column lineage of a query's result: for each output column, the table columns it is computed
 * from, resolved through aliases, sub-queries in FROM, common table expressions and set operations
 * (a set operation's column takes the sources of that column in every branch). Conservative where a
 * name cannot be attributed: an unqualified column with several sources in scope lists all of them.
 */
public final class LineageResolver {
    /** A FROM item: a table, or a derived relation with its own lineage. */
    private record Source(TableReference table, List<ColumnLineage> derived) {}

    private final Map<String, List<ColumnLineage>> ctes = new HashMap<>();

    /** The lineage of a query, or an empty list for other statements. */
    public List<ColumnLineage> resolve(SqlNode query) {
        if (query == null) {
            return List.of();
        }
        if (query instanceof SqlWith with) {
            for (SqlNode each : with.withList) {
                SqlWithItem item = (SqlWithItem) each;
                ctes.put(item.name.getSimple().toLowerCase(Locale.ROOT), resolve(item.query));
            }
            return resolve(with.body);
        }
        if (query instanceof SqlOrderBy orderBy) {
            return resolve(orderBy.query);
        }
        if (query instanceof SqlSelect select) {
            return select(select);
        }
        if (query.getKind() == SqlKind.UNION || query.getKind() == SqlKind.EXCEPT
                || query.getKind() == SqlKind.INTERSECT) {
            return setOperation((SqlCall) query);
        }
        return List.of();
    }

    private List<ColumnLineage> setOperation(SqlCall call) {
        List<ColumnLineage> left = resolve(call.operand(0));
        List<ColumnLineage> right = resolve(call.operand(1));
        List<ColumnLineage> result = new ArrayList<>();
        for (int i = 0; i < left.size(); i++) {
            Set<SourceColumn> sources = new HashSet<>(left.get(i).sources());
            if (i < right.size()) {
                sources.addAll(right.get(i).sources());
            }
            result.add(new ColumnLineage(i + 1, left.get(i).name(), sources));
        }
        return result;
    }

    private List<ColumnLineage> select(SqlSelect select) {
        Map<String, Source> scope = new LinkedHashMap<>();
        from(select.getFrom(), scope);
        List<ColumnLineage> result = new ArrayList<>();
        for (SqlNode item : select.getSelectList()) {
            SqlNode expression = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
            String name = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(1).toString().replace("`", "")
                    : expression instanceof SqlIdentifier id ? lastName(id) : "?column?";
            Set<SourceColumn> sources = new HashSet<>();
            columns(expression, scope, sources);
            result.add(new ColumnLineage(result.size() + 1, name, sources));
        }
        return result;
    }

    private static String lastName(SqlIdentifier id) {
        return id.isStar() ? "*" : id.names.get(id.names.size() - 1);
    }

    private void from(SqlNode node, Map<String, Source> scope) {
        if (node == null) {
            return;
        }
        if (node instanceof SqlJoin join) {
            from(join.getLeft(), scope);
            from(join.getRight(), scope);
            return;
        }
        String alias = null;
        SqlNode relation = node;
        if (node.getKind() == SqlKind.AS) {
            SqlCall as = (SqlCall) node;
            relation = as.operand(0);
            alias = as.operand(1).toString().replace("`", "");
        }
        if (relation.getKind() == SqlKind.LATERAL) {
            relation = ((SqlCall) relation).operand(0);
        }
        if (relation instanceof SqlIdentifier id) {
            String last = lastName(id);
            List<ColumnLineage> cte = id.isSimple() ? ctes.get(last.toLowerCase(Locale.ROOT)) : null;
            Source source = cte != null ? new Source(null, cte) : new Source(TableCollector.table(id), null);
            scope.put((alias != null ? alias : last).toLowerCase(Locale.ROOT), source);
        } else {
            List<ColumnLineage> derived = resolve(relation);
            scope.put(alias != null ? alias.toLowerCase(Locale.ROOT) : "$" + scope.size(), new Source(null, derived));
        }
    }

    private void columns(SqlNode node, Map<String, Source> scope, Set<SourceColumn> sources) {
        if (node instanceof SqlIdentifier id) {
            identifier(id, scope, sources);
        } else if (node instanceof SqlNodeList list) {
            for (SqlNode each : list) {
                columns(each, scope, sources);
            }
        } else if (node instanceof SqlCall call && !(node instanceof SqlSelect)) {
            if (call instanceof SqlBasicCall && call.getOperator().getName().equalsIgnoreCase("json_each")) {
                return;
            }
            for (SqlNode each : call.getOperandList()) {
                if (each != null) {
                    columns(each, scope, sources);
                }
            }
        }
    }

    private void identifier(SqlIdentifier id, Map<String, Source> scope, Set<SourceColumn> sources) {
        String column = lastName(id);
        if (id.names.size() >= 2) {
            Source source = scope.get(id.names.get(id.names.size() - 2).toLowerCase(Locale.ROOT));
            if (source != null) {
                add(source, column, sources);
                return;
            }
        }
        for (Source each : scope.values()) {
            add(each, column, sources);
        }
    }

    private static void add(Source source, String column, Set<SourceColumn> sources) {
        if (source.table() != null) {
            sources.add(new SourceColumn(source.table(), column));
            return;
        }
        for (ColumnLineage each : source.derived()) {
            if (column.equals("*") || each.name().equalsIgnoreCase(column) || each.name().equals("*")) {
                sources.addAll(each.sources());
            }
        }
    }
}

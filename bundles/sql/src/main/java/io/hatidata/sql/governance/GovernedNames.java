package io.hatidata.sql.governance;

import io.hatidata.api.sql.GovernedTable;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlIdentifier;

/**
 * Which governed table a name refers to. DuckDB resolves names case-insensitively, quoted or not, so the
 * comparison ignores case; a reference matches when its last part is the table's name and, when both
 * name a schema, the schemas agree. A catalog part is ignored: a reference that might be the governed
 * table is treated as the governed table.
 */
final class GovernedNames {
    private final List<GovernedTable> tables;

    GovernedNames(List<GovernedTable> tables) {
        this.tables = List.copyOf(tables);
    }

    boolean isEmpty() {
        return tables.isEmpty();
    }

    /** The governed table this identifier names, or null. */
    GovernedTable of(SqlIdentifier id) {
        if (id.names.isEmpty()) {
            return null;
        }
        String name = id.names.get(id.names.size() - 1);
        String schema = id.names.size() >= 2 ? id.names.get(id.names.size() - 2) : null;
        return of(schema, name);
    }

    /** The governed table with this (schema and) name, or null. */
    GovernedTable of(String schema, String name) {
        for (GovernedTable each : tables) {
            if (!each.table().name().equalsIgnoreCase(name)) {
                continue;
            }
            String governedSchema = each.table().schema();
            if (schema == null || governedSchema == null || governedSchema.equalsIgnoreCase(schema)) {
                return each;
            }
        }
        return null;
    }

    /** The governed table whose name is this word (any schema), or null. */
    GovernedTable ofWord(String word) {
        return of(null, word);
    }

    static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}

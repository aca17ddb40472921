package io.hatidata.api.query;

import java.util.Objects;

/**
 * One column of a result: its label as the client sees it and its type.
 *
 * @param name the column label
 * @param type the column type
 */
public record Column(String name, ColumnType type) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}

package io.hatidata.api.sql;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A table (or view) a statement names, with up to three parts {@code catalog.schema.name}.
 *
 * <p>{@link #parts()} are the names as written, without quotes. {@link #normalizedName()} is how the
 * engine resolves them: DuckDB compares identifiers case-insensitively whether quoted or not, so the
 * normalized form is the parts in lower case joined by dots. Names of common table expressions are not
 * table references.
 *
 * @param parts one to three name parts as written, outermost first
 * @since 1.0.0
 */
public record TableReference(List<String> parts) {
    public TableReference {
        parts = List.copyOf(Objects.requireNonNull(parts, "parts"));
        if (parts.isEmpty() || parts.size() > 3) {
            throw new IllegalArgumentException("a table name has one to three parts: " + parts);
        }
    }

    /** A reference from its parts as written. */
    public static TableReference of(String... parts) {
        return new TableReference(List.of(parts));
    }

    /** The table's own name as written (the last part). */
    public String name() {
        return parts.get(parts.size() - 1);
    }

    /** The schema as written, or {@code null} when the reference has no schema part. */
    public String schema() {
        return parts.size() >= 2 ? parts.get(parts.size() - 2) : null;
    }

    /** The catalog (database) as written, or {@code null} when the reference has no catalog part. */
    public String catalog() {
        return parts.size() == 3 ? parts.get(0) : null;
    }

    /** The parts in lower case joined by {@code .}, the engine's view of the name. */
    public String normalizedName() {
        return String.join(".", parts).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return String.join(".", parts);
    }
}

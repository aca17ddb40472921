package io.hatidata.billing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/** The size on disk of environments' DuckDB databases ({@code <id>.duckdb} and its {@code .wal}). */
final class StorageFootprint {
    private static final double GIGABYTE = 1024.0 * 1024 * 1024;

    private final Path environments;

    StorageFootprint(Path environments) {
        this.environments = environments;
    }

    /** The total in GiB, rounded to 6 decimals. */
    double gigabytes(Collection<String> environmentIds) {
        long bytes = 0;
        for (String id : environmentIds) {
            bytes += size(environments.resolve(id + ".duckdb")) + size(environments.resolve(id + ".duckdb.wal"));
        }
        return Math.round(bytes / GIGABYTE * 1_000_000) / 1_000_000.0;
    }

    private static long size(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException ex) {
            return 0;
        }
    }
}

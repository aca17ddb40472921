package io.hatidata.engine.duckdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL catalog shims of {@code pg_catalog.sql}: TEMP macros, so they live only as long as the
 * session's connection, are never written into the environment's database and are invisible to other
 * sessions. A session installs them the first time it sends a catalog query.
 */
final class PgCatalogShims {
    private static final List<String> STATEMENTS = load();

    private PgCatalogShims() {}

    static void install(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String each : STATEMENTS) {
                statement.execute(each);
            }
        }
    }

    static int statementCount() {
        return STATEMENTS.size();
    }

    private static List<String> load() {
        try (InputStream in = PgCatalogShims.class.getResourceAsStream("pg_catalog.sql")) {
            if (in == null) {
                throw new IllegalStateException("pg_catalog.sql missing from the bundle");
            }
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> statements = new ArrayList<>();
            for (String block : script.split("\n;\n")) {
                StringBuilder sql = new StringBuilder();
                for (String line : block.split("\n")) {
                    if (!line.startsWith("--") && !line.equals(";")) {
                        sql.append(line).append('\n');
                    }
                }
                if (!sql.toString().isBlank()) {
                    statements.add(sql.toString().trim());
                }
            }
            return List.copyOf(statements);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}

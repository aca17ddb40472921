package io.hatidata.engine.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.engine.EngineSession;
import io.hatidata.api.query.QueryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalog queries psql 15 and pgjdbc 42.7 send (captured from a real PostgreSQL 15 with
 * {@code log_statement=all}, stored under {@code pg-catalog/}) run on DuckDB through the session and
 * answer what those clients expect.
 */
class PgCatalogCompatibilityTest {
    @TempDir
    Path dataDir;

    private DuckDbQueryEngine engine;
    private EngineSession session;

    @BeforeEach
    void start() throws Exception {
        engine = new DuckDbQueryEngine(DuckDbQueryEngineTest.config(dataDir.toString(), 0));
        session = engine.openSession("env_dev_a");
        run("CREATE TABLE t (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL DEFAULT 'x', amount DECIMAL(10,2))");
        run("CREATE TABLE u (id INTEGER REFERENCES t (id), tags VARCHAR[])");
        run("CREATE VIEW v AS SELECT id FROM t");
        run("COMMENT ON TABLE t IS 'the t table'");
    }

    @AfterEach
    void stop() {
        session.close();
        engine.deactivate();
    }

    static Stream<String> fixtures() {
        return Stream.of("psql-l", "psql-dt", "psql-d-lookup", "psql-d-relation", "psql-d-columns",
                "psql-d-indexes", "psql-d-policies", "psql-d-statistics", "psql-d-publications", "psql-d-inherits",
                "psql-d-partitions", "psql-dn", "psql-du", "pgjdbc-getTables", "pgjdbc-getColumns",
                "pgjdbc-getSchemas", "pgjdbc-getPrimaryKeys", "pgjdbc-getTypeInfo", "pgjdbc-getCatalogs",
                "pgjdbc-maxIndexKeys", "pgjdbc-getImportedKeys", "pgjdbc-getIndexInfo", "pgjdbc-typeCache");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void capturedClientQueryRuns(String fixture) throws Exception {
        RecordingSink sink = fixture(fixture);
        assertTrue(sink.tag.startsWith("SELECT"), fixture + ": " + sink.tag);
    }

    @Test
    void psqlListsTablesWithTheirKind() throws Exception {
        assertEquals(List.of("main|t|table|hatidata", "main|u|table|hatidata"), rows(fixture("psql-dt")));
    }

    @Test
    void psqlDescribesColumnsWithPostgresTypeNames() throws Exception {
        List<String> rows = rows(fixture("psql-d-columns"));
        assertEquals("id|integer|null|true|null||", rows.get(0));
        assertEquals("name|text|'x'|true|null||", rows.get(1));
        assertEquals("amount|numeric(10,2)|null|false|null||", rows.get(2));
    }

    @Test
    void psqlFindsThePrimaryKeyIndex() throws Exception {
        List<String> rows = rows(fixture("psql-d-indexes"));
        assertEquals(1, rows.size());
        assertTrue(rows.get(0).startsWith("t_pkey|true|true|false|true|CREATE UNIQUE INDEX t_pkey ON t USING btree (id)|PRIMARY KEY(id)|p"),
                rows.get(0));
    }

    @Test
    void pgjdbcSeesTablesViewsColumnsAndKeys() throws Exception {
        assertEquals(List.of("env_dev_a|main|t|TABLE|the t table", "env_dev_a|main|u|TABLE|null",
                "env_dev_a|main|v|VIEW|null"), prefix(rows(fixture("pgjdbc-getTables")), 5));
        assertEquals(List.of("id|23", "name|25", "amount|1700"), project(rows(fixture("pgjdbc-getColumns")), 3, 4));
        assertEquals(List.of("env_dev_a|main|t|id|1|t_pkey"), rows(fixture("pgjdbc-getPrimaryKeys")));
        assertEquals(List.of("information_schema", "main", "pg_catalog"),
                project(rows(fixture("pgjdbc-getSchemas")), 0));
        List<String> imported = rows(fixture("pgjdbc-getImportedKeys"));
        assertEquals(1, imported.size());
        assertTrue(imported.get(0).startsWith("env_dev_a|main|t|id|env_dev_a|main|u|id|1|"), imported.get(0));
    }

    @Test
    void typeInfoHasTheTypesResultsUse() throws Exception {
        List<String> names = project(rows(fixture("pgjdbc-getTypeInfo")), 2);
        assertTrue(names.containsAll(List.of("int4", "int8", "text", "numeric", "timestamptz", "_int4")), names.toString());
    }

    @Test
    void leavesOrdinaryStatementsAlone() {
        String sql = "SELECT 'pg_class' AS name, \"pg_type\" FROM pg_tables_of_mine WHERE x::text = 'pg_catalog.a'";
        assertEquals(sql, PgCatalogRewriter.rewrite(sql));
    }

    @Test
    void rewritesOperatorsCollationsAndRegclassLiterals() {
        assertEquals("SELECT c.oid FROM hd_pg_class() c WHERE c.relname  ~  '^(t)$' ",
                PgCatalogRewriter.rewrite(
                        "SELECT c.oid FROM pg_catalog.pg_class c WHERE c.relname OPERATOR(pg_catalog.~) '^(t)$' COLLATE pg_catalog.default"));
        assertEquals("SELECT hd_regclass('pg_class'), x::BIGINT FROM hd_pg_type() AS pg_type",
                PgCatalogRewriter.rewrite("SELECT 'pg_class'::regclass, x::pg_catalog.regclass FROM pg_type"));
    }

    @Test
    void regularExpressionsFindAnywhereAsInPostgres() throws Exception {
        assertEquals("true|false|true", rows(run("SELECT 'pg_toast' ~ '^pg_', 'main' ~ '^pg_', 'Main' !~* 'x'")).get(0));
    }

    private RecordingSink fixture(String name) throws Exception {
        String sql = load(name);
        List<Object> parameters = new ArrayList<>();
        if (sql.startsWith("-- params: ")) {
            int end = sql.indexOf('\n');
            parameters.addAll(Arrays.asList(sql.substring("-- params: ".length(), end).split(",")));
            sql = sql.substring(end + 1);
        }
        if (sql.contains("{oid:t}")) {
            sql = sql.replace("{oid:t}", String.valueOf(run("SELECT oid FROM pg_catalog.pg_class WHERE relname = 't'").rows.get(0)[0]));
        }
        sql = sql.strip();
        if (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1);
        }
        RecordingSink sink = new RecordingSink();
        session.execute(sql, parameters, sink);
        return sink;
    }

    private RecordingSink run(String sql) throws QueryException {
        RecordingSink sink = new RecordingSink();
        session.execute(sql, List.of(), sink);
        return sink;
    }

    private static List<String> rows(RecordingSink sink) {
        return sink.rows.stream()
                .map(row -> Arrays.stream(row).map(String::valueOf).collect(Collectors.joining("|")))
                .collect(Collectors.toList());
    }

    private static List<String> prefix(List<String> rows, int columns) {
        return rows.stream().map(row -> String.join("|", Arrays.asList(row.split("\\|", -1)).subList(0, columns)))
                .collect(Collectors.toList());
    }

    private static List<String> project(List<String> rows, int... columns) {
        return rows.stream().map(row -> {
            String[] values = row.split("\\|", -1);
            return Arrays.stream(columns).mapToObj(i -> values[i]).collect(Collectors.joining("|"));
        }).collect(Collectors.toList());
    }

    private static String load(String name) throws IOException {
        try (InputStream in = PgCatalogCompatibilityTest.class.getResourceAsStream("/pg-catalog/" + name + ".sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

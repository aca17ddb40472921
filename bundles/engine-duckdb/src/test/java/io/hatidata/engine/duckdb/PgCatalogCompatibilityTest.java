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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern OID_PLACEHOLDER = Pattern.compile("\\{(oid|nspoid):(\\w+)\\}|\\{dboid\\}");

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

    /** DBeaver 24's PostgreSQL plugin on connect and while browsing a schema; each file names its source. */
    static Stream<String> dbeaverFixtures() {
        return Stream.of("dbeaver-contextDefaults", "dbeaver-searchPath", "dbeaver-version", "dbeaver-currentDatabase",
                "dbeaver-databaseInfo", "dbeaver-databaseList", "dbeaver-setting", "dbeaver-settings",
                "dbeaver-defaultIsolation", "dbeaver-keywords", "dbeaver-schemas", "dbeaver-typcategoryProbe",
                "dbeaver-reltypeProbe", "dbeaver-enumProbe", "dbeaver-enumValues", "dbeaver-dataTypes",
                "dbeaver-resolveDataType", "dbeaver-roles", "dbeaver-accessMethods", "dbeaver-tablespaces",
                "dbeaver-collations", "dbeaver-encodings", "dbeaver-languages", "dbeaver-eventTriggers",
                "dbeaver-availableExtensions", "dbeaver-extensions", "dbeaver-databaseSize",
                "dbeaver-databaseDescription", "dbeaver-tables", "dbeaver-tableLookup", "dbeaver-tableColumns",
                "dbeaver-schemaColumns", "dbeaver-tableConstraints", "dbeaver-schemaConstraints",
                "dbeaver-tableIndexes", "dbeaver-schemaIndexes", "dbeaver-inherits", "dbeaver-tableStatistics",
                "dbeaver-triggers", "dbeaver-procedures", "metabase-enumTypes", "metabase-quotedCatalogNames");
    }

    @ParameterizedTest
    @MethodSource("dbeaverFixtures")
    void capturedToolQueryRuns(String fixture) throws Exception {
        RecordingSink sink = fixture(fixture);
        assertTrue(sink.tag.startsWith("SELECT"), fixture + ": " + sink.tag);
    }

    @Test
    void dbeaverListsTheDatabaseSchemasTablesColumnsAndKeys() throws Exception {
        assertEquals("env_dev_a", column(fixture("dbeaver-databaseInfo"), "datname").get(0));
        assertEquals(List.of("env_dev_a"), column(fixture("dbeaver-databaseList"), "datname"));
        assertTrue(column(fixture("dbeaver-schemas"), "nspname").containsAll(List.of("main", "pg_catalog")));
        RecordingSink tables = fixture("dbeaver-tables");
        assertEquals(List.of("t", "u", "v"), column(tables, "relname"));
        assertEquals(List.of("r", "r", "v"), column(tables, "relkind"));
        assertEquals("the t table", column(tables, "description").get(0));
        assertEquals(List.of("t"), column(fixture("dbeaver-tableLookup"), "relname"));
        RecordingSink columns = fixture("dbeaver-tableColumns");
        assertEquals(List.of("id", "name", "amount"), column(columns, "attname"));
        assertEquals(List.of("23", "25", "1700"), column(columns, "atttypid"));
        assertEquals(List.of("1", "2", "3"), column(columns, "attnum"));
        assertEquals(List.of("true", "true", "false"), column(columns, "attnotnull"));
        assertEquals("'x'", column(columns, "def_value").get(1));
        List<String> schemaColumns = column(fixture("dbeaver-schemaColumns"), "attname");
        schemaColumns.sort(null); // ordered by attnum only
        assertEquals(List.of("amount", "id", "id", "id", "name", "tags"), schemaColumns);
        RecordingSink keys = fixture("dbeaver-schemaConstraints");
        assertEquals(List.of("t|p|[1]|null", "u|f|[1]|[1]"), keyRows(keys));
        assertEquals(List.of("u|f|[1]|[1]"), keyRows(fixture("dbeaver-tableConstraints")));
        RecordingSink indexes = fixture("dbeaver-tableIndexes");
        assertEquals(List.of("t_pkey"), column(indexes, "relname"));
        assertEquals(List.of("true"), column(indexes, "indisprimary"));
        assertEquals(List.of("on"), column(fixture("dbeaver-setting"), "setting"));
        assertEquals(List.of("repeatable read"), column(fixture("dbeaver-defaultIsolation"), "setting"));
        List<String> types = column(fixture("dbeaver-dataTypes"), "typname");
        assertTrue(types.containsAll(List.of("int4", "text", "numeric", "_int4")), types.toString());
        assertEquals(List.of("int4"), column(fixture("dbeaver-resolveDataType"), "typname"));
    }

    @Test
    void quotedCatalogNamesAreTheCatalogsToo() throws Exception {
        assertEquals(List.of("t", "u", "v"), column(fixture("metabase-quotedCatalogNames"), "name"));
        assertEquals("SELECT \"relname\" FROM hd_pg_class() AS pg_class WHERE \"Pg_Thing\" = 1",
                PgCatalogRewriter.rewrite("SELECT \"relname\" FROM \"pg_catalog\".\"pg_class\" WHERE \"Pg_Thing\" = 1"));
    }

    @Test
    void postgresArrayLiteralsBecomeLists() {
        assertEquals("SELECT ['a', 'null', NULL, 'b,c', 'it''s']::text[] FROM hd_pg_get_keywords()",
                PgCatalogRewriter.rewrite("SELECT '{a,\"null\",NULL,\"b,c\",it''s}'::text[] FROM pg_catalog.pg_get_keywords()"));
        assertEquals("SELECT []::int4[] FROM hd_pg_class() AS pg_class",
                PgCatalogRewriter.rewrite("SELECT '{}'::pg_catalog.int4[] FROM pg_class"));
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

    /**
     * Runs a fixture: an optional {@code -- params: a,b} first line, comment lines naming the source (not sent),
     * and placeholders for OIDs the client would know from earlier answers: {@code {oid:relation}},
     * {@code {nspoid:schema}} and {@code {dboid}}.
     */
    private RecordingSink fixture(String name) throws Exception {
        String sql = withOids(load(name));
        List<Object> parameters = new ArrayList<>();
        if (sql.startsWith("-- params: ")) {
            int end = sql.indexOf('\n');
            parameters.addAll(Arrays.asList(sql.substring("-- params: ".length(), end).split(",")));
            sql = sql.substring(end + 1);
        }
        while (sql.startsWith("-- ")) {
            sql = sql.substring(sql.indexOf('\n') + 1);
        }
        sql = sql.strip();
        if (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1);
        }
        RecordingSink sink = new RecordingSink();
        session.execute(sql, parameters, sink);
        return sink;
    }

    private String withOids(String sql) throws QueryException {
        Matcher placeholder = OID_PLACEHOLDER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            String query = placeholder.group(1) == null ? "SELECT oid FROM pg_catalog.pg_database"
                    : placeholder.group(1).equals("oid")
                    ? "SELECT oid FROM pg_catalog.pg_class WHERE relname = '" + placeholder.group(2) + "'"
                    : "SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = '" + placeholder.group(2) + "'";
            placeholder.appendReplacement(out, String.valueOf(run(query).rows.get(0)[0]));
        }
        placeholder.appendTail(out);
        return out.toString();
    }

    private static List<String> column(RecordingSink sink, String name) {
        int index = -1;
        for (int i = 0; i < sink.columns.size(); i++) {
            if (sink.columns.get(i).name().equals(name)) {
                index = i;
                break;
            }
        }
        assertTrue(index >= 0, name + " not among " + sink.columns);
        int at = index;
        return sink.rows.stream().map(row -> row[at] instanceof Object[] values ? Arrays.toString(values)
                : String.valueOf(row[at])).collect(Collectors.toList());
    }

    private static List<String> keyRows(RecordingSink sink) {
        List<String> tables = column(sink, "tabrelname");
        List<String> types = column(sink, "contype");
        List<String> keys = column(sink, "conkey");
        List<String> references = column(sink, "confkey");
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            rows.add(tables.get(i) + "|" + types.get(i) + "|" + keys.get(i) + "|" + references.get(i));
        }
        return rows;
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

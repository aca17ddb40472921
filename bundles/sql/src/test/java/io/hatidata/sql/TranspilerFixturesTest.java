package io.hatidata.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.hatidata.api.query.QueryException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The transpiler fixtures (issue 4): each line of {@code fixtures/*.tsv} is a Snowflake statement, a tab,
 * and Snowflake's answer. The statement is transpiled and run on an in-memory DuckDB holding
 * {@code fixtures/setup.sql}; its result must equal the expected answer. Answers are written as rows
 * separated by {@code ;;} and columns by {@code |}, {@code NULL} for SQL NULL; numbers compare by value,
 * JSON by text without spaces. An answer {@code !0A000} expects the statement to be refused with that
 * SQLSTATE.
 */
class TranspilerFixturesTest {
    private static final String[] FILES = {
        "conditional.tsv", "datetime.tsv", "string.tsv", "conversion.tsv", "semistructured.tsv",
        "aggregate.tsv", "constructs.tsv", "refused.tsv"
    };
    private static Connection connection;
    private final SnowflakeTranspiler transpiler = new SnowflakeTranspiler();

    @BeforeAll
    static void openDatabase() throws Exception {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            for (String each : read("setup.sql").split(";\n")) {
                if (!each.isBlank()) {
                    statement.execute(each);
                }
            }
        }
    }

    @AfterAll
    static void closeDatabase() throws SQLException {
        connection.close();
    }

    @TestFactory
    Stream<DynamicTest> fixtures() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String file : FILES) {
            int lineNumber = 0;
            for (String line : read(file).split("\n")) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 2);
                String name = file + ":" + lineNumber + " " + parts[0];
                tests.add(DynamicTest.dynamicTest(name, () -> check(parts[0], parts.length > 1 ? parts[1] : "")));
            }
        }
        assertTrue(tests.size() >= 300, "at least 300 fixtures, found " + tests.size());
        return tests.stream();
    }

    private void check(String snowflake, String expected) throws Exception {
        if (expected.startsWith("!")) {
            try {
                transpiler.analyze(snowflake);
                fail("expected " + expected + " for " + snowflake);
            } catch (QueryException e) {
                assertEquals(expected.substring(1), e.sqlState(), e.getMessage());
            }
            return;
        }
        String duckDb = transpiler.analyze(snowflake).engineSql();
        String actual;
        try {
            actual = run(duckDb);
        } catch (SQLException e) {
            throw new AssertionError("DuckDB refused " + duckDb + ": " + e.getMessage(), e);
        }
        if (!same(expected, actual)) {
            fail("\n  snowflake: " + snowflake + "\n  duckdb:    " + duckDb + "\n  expected:  " + expected
                    + "\n  actual:    " + actual);
        }
    }

    static String run(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            List<String> result = new ArrayList<>();
            while (rows.next()) {
                List<String> cells = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    String value = rows.getString(i);
                    cells.add(value == null ? "NULL" : value);
                }
                result.add(String.join(" | ", cells));
            }
            return String.join(" ;; ", result);
        }
    }

    static boolean same(String expected, String actual) {
        String[] expectedRows = expected.strip().split("\\s*;;\\s*", -1);
        String[] actualRows = actual.strip().split("\\s*;;\\s*", -1);
        if (expectedRows.length != actualRows.length) {
            return false;
        }
        for (int r = 0; r < expectedRows.length; r++) {
            String[] e = expectedRows[r].split("\\s*\\|\\s*", -1);
            String[] a = actualRows[r].split("\\s*\\|\\s*", -1);
            if (e.length != a.length) {
                return false;
            }
            for (int c = 0; c < e.length; c++) {
                if (!sameCell(e[c].strip(), a[c].strip())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean sameCell(String expected, String actual) {
        String a = actual.endsWith(".0") && actual.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.0")
                ? actual.substring(0, actual.length() - 2) : actual;
        if (expected.equals(a) || expected.replace(" ", "").equals(a.replace(" ", ""))) {
            return true;
        }
        try {
            BigDecimal x = new BigDecimal(expected);
            BigDecimal y = new BigDecimal(a);
            return x.subtract(y).abs().compareTo(new BigDecimal("0.000001")) <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String read(String file) throws IOException {
        try (InputStream in = TranspilerFixturesTest.class.getResourceAsStream("/fixtures/" + file)) {
            if (in == null) {
                throw new IOException("missing fixture " + file);
            }
            StringBuilder result = new StringBuilder();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                reader.lines().forEach(each -> result.append(each).append('\n'));
            }
            return result.toString();
        }
    }
}

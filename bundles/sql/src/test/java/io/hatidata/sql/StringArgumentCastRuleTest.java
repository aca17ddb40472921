package io.hatidata.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StringArgumentCastRuleTest {
    private final StringArgumentCastRule rule = new StringArgumentCastRule();

    @Test
    void castsTheTextArgumentsOfTheFunctionTheErrorNames() {
        assertEquals(Optional.of("SELECT substr(CAST(n AS VARCHAR), 2, 3), substr('x', 1) FROM t"), heal(
                "SELECT substr(n, 2, 3), substr('x', 1) FROM t",
                "No function matches the given name and argument types 'substr(INTEGER, INTEGER_LITERAL, INTEGER_LITERAL)'."));
        assertEquals(Optional.of("SELECT lpad(CAST(x AS VARCHAR), 8, CAST(0 AS VARCHAR)) FROM t"), heal(
                "SELECT lpad(x, 8, 0) FROM t",
                "No function matches the given name and argument types 'lpad(DECIMAL(10,2), INTEGER_LITERAL, INTEGER_LITERAL)'."));
        assertEquals(Optional.of("SELECT upper(CAST(upper(n) AS VARCHAR)) FROM t"), heal("SELECT upper(upper(n)) FROM t",
                "No function matches the given name and argument types 'upper(INTEGER)'."));
    }

    @Test
    void declinesWhatItDoesNotKnow() {
        assertEquals(Optional.empty(), heal("SELECT n LIKE '1%' FROM t",
                "No function matches the given name and argument types '~~(INTEGER, STRING_LITERAL)'."));
        assertEquals(Optional.empty(), heal("SELECT abs('x')",
                "No function matches the given name and argument types 'abs(STRING_LITERAL)'."));
        assertEquals(Optional.empty(), heal("SELECT upper(s) FROM t",
                "No function matches the given name and argument types 'upper(VARCHAR, VARCHAR)'."));
        assertEquals(Optional.empty(), heal("SELECT * FROM missing", "Table with name missing does not exist!"));
    }

    @Test
    void theRewriteRunsOnDuckDbAndGivesSnowflakesAnswer() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE orders (id INTEGER, day DATE)");
                statement.execute("INSERT INTO orders VALUES (12345, DATE '2024-01-02')");
            }
            String sql = "SELECT substr(id, 2, 3) AS part, replace(day, '-', '') AS compact FROM orders";
            String healed = heal(sql, failureOf(connection, sql)).orElseThrow();
            healed = heal(healed, failureOf(connection, healed)).orElseThrow(); // the second function's error
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(healed)) {
                rows.next();
                assertEquals("234", rows.getString("part"));
                assertEquals("20240102", rows.getString("compact"));
            }
        }
    }

    @Test
    void typeListsKeepTheirInnerCommas() {
        assertEquals(List.of("DECIMAL(10,2)", "INTEGER"), StringArgumentCastRule.topLevelParts("DECIMAL(10,2), INTEGER"));
    }

    private static String failureOf(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet ignored = statement.executeQuery(sql)) {
            throw new AssertionError("DuckDB accepted " + sql);
        } catch (SQLException ex) {
            return ex.getMessage();
        }
    }

    private Optional<String> heal(String sql, String message) {
        Session session = new Session("s", new Identity("org", "usr", "u", "owner", "env", "dev", ""), Map.of());
        return rule.heal(QueryContext.of(session, "q", sql, ResultSink.discarding()), new QueryException("42000", message));
    }
}

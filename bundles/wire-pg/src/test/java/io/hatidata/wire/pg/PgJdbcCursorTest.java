package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SQL cursors (DECLARE, FETCH, MOVE, CLOSE) with real pgjdbc, in the simple protocol (what psql's
 * FETCH_COUNT sends) and the extended one.
 */
class PgJdbcCursorTest extends PgJdbcServerTestSupport {

    private Connection connect(String mode) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "agent");
        properties.setProperty("password", FakeAuthenticator.GOOD_KEY);
        properties.setProperty("sslmode", "disable");
        properties.setProperty("socketTimeout", "30");
        properties.setProperty("preferQueryMode", mode);
        String url = "jdbc:postgresql://127.0.0.1:" + runtime.localAddress().getPort() + "/hatidata";
        return new org.postgresql.Driver().connect(url, properties);
    }

    private static List<Long> fetch(Statement statement, String sql) throws SQLException {
        List<Long> result = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            assertEquals("n", rows.getMetaData().getColumnName(1));
            while (rows.next()) {
                result.add(rows.getLong(1));
            }
        }
        return result;
    }

    @ParameterizedTest
    @ValueSource(strings = {"simple", "extended"})
    void fetchReadsTheQueryInStepsAndRunsItOnce(String mode) throws SQLException {
        try (Connection connection = connect(mode)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("DECLARE _psql_cursor NO SCROLL CURSOR FOR\nselect numbers 25");
                assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L),
                        fetch(statement, "FETCH FORWARD 10 FROM _psql_cursor"));
                assertEquals(List.of(11L), fetch(statement, "FETCH NEXT FROM _psql_cursor"));
                assertEquals(List.of(12L), fetch(statement, "fetch _psql_cursor"));
                assertEquals(3, statement.executeUpdate("MOVE FORWARD 3 IN _psql_cursor"), "MOVE 3");
                assertEquals(List.of(16L, 17L), fetch(statement, "FETCH 2 IN _psql_cursor"));
                assertEquals(List.of(18L, 19L, 20L, 21L, 22L, 23L, 24L, 25L), fetch(statement, "FETCH ALL FROM _psql_cursor"));
                assertEquals(List.of(), fetch(statement, "FETCH FORWARD 10 FROM _psql_cursor"), "nothing is left");
                statement.execute("CLOSE _psql_cursor");
            }
            connection.commit();
        }
        assertEquals(1, pipeline.executed.stream().filter(each -> each.equals("select numbers 25")).count(),
                "the cursor's query went through the pipeline once: " + pipeline.executed);
    }

    @Test
    void aPreparedFetchIsDescribedWithTheCursorsColumnsAndIgnoresTheFetchSize() throws SQLException {
        try (Connection connection = connect("extended")) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("DECLARE c CURSOR FOR select numbers 12");
            }
            try (PreparedStatement fetch = connection.prepareStatement("FETCH 5 FROM c")) {
                fetch.setFetchSize(2);
                assertEquals("n", fetch.getMetaData().getColumnName(1));
                List<Long> seen = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    try (ResultSet rows = fetch.executeQuery()) {
                        while (rows.next()) {
                            seen.add(rows.getLong(1));
                        }
                    }
                }
                assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L), seen);
            }
            connection.commit();
        }
    }

    @Test
    void aDeclaredQueryGetsItsBoundParameters() throws SQLException {
        try (Connection connection = connect("extended")) {
            connection.setAutoCommit(false);
            try (PreparedStatement declare = connection.prepareStatement("DECLARE c CURSOR FOR select numbers ?")) {
                declare.setInt(1, 4);
                declare.execute();
            }
            try (Statement statement = connection.createStatement()) {
                assertEquals(List.of(1L, 2L, 3L, 4L), fetch(statement, "FETCH ALL FROM c"));
            }
            connection.commit();
        }
    }

    @Test
    void severalStatementsOfOneQueryAreAnImplicitBlockForACursor() throws SQLException {
        try (Connection connection = connect("simple"); Statement statement = connection.createStatement()) {
            assertFalse(statement.execute("DECLARE c CURSOR FOR select numbers 3; FETCH 2 FROM c"));
            assertTrue(statement.getMoreResults(), "the FETCH's rows follow the DECLARE");
            List<Long> rows = new ArrayList<>();
            try (ResultSet result = statement.getResultSet()) {
                while (result.next()) {
                    rows.add(result.getLong(1));
                }
            }
            assertEquals(List.of(1L, 2L), rows);
            assertEquals("34000", assertThrows(SQLException.class, () -> fetch(statement, "FETCH 1 FROM c")).getSQLState(),
                    "the cursor ended with its Query");
        }
    }

    @Test
    void openCursorsAreBoundedAndNeverTakeTheStatementThreads() throws Exception {
        // the test server has 4 statement threads: at most 4 cursors are open at once
        List<Connection> holders = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Connection holder = connect("simple");
                holders.add(holder);
                holder.setAutoCommit(false);
                try (Statement statement = holder.createStatement()) {
                    statement.execute("DECLARE c CURSOR FOR select numbers 100000");
                    assertEquals(List.of(1L), fetch(statement, "FETCH 1 FROM c"));
                }
            }
            try (Connection other = connect("simple"); Statement statement = other.createStatement()) {
                try (ResultSet rows = statement.executeQuery("select")) {
                    assertTrue(rows.next(), "statements still run while every cursor worker is taken");
                }
                other.setAutoCommit(false);
                SQLException full = assertThrows(SQLException.class,
                        () -> statement.execute("DECLARE d CURSOR FOR select numbers 3"));
                assertEquals("53300", full.getSQLState());
                other.rollback();
                try (Statement first = holders.get(0).createStatement()) {
                    first.execute("CLOSE c");
                    // the next statement waits for the closed cursor's worker to leave
                    first.executeQuery("select").close();
                }
                assertEquals(List.of(1L, 2L, 3L), declareAndFetchAll(other, statement));
                other.rollback();
            }
        } finally {
            for (Connection each : holders) {
                each.close();
            }
        }
    }

    /** A DECLARE right after another cursor closed may find its worker not yet idle: tried for up to 5 s. */
    private static List<Long> declareAndFetchAll(Connection connection, Statement statement) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            try {
                statement.execute("DECLARE d CURSOR FOR select numbers 3");
                return fetch(statement, "FETCH ALL FROM d");
            } catch (SQLException ex) {
                if (!"53300".equals(ex.getSQLState()) || System.nanoTime() > deadline) {
                    throw ex;
                }
                connection.rollback();
                Thread.sleep(20);
            }
        }
    }

    @Test
    void theCursorsOfATransactionGoWithIt() throws SQLException {
        try (Connection connection = connect("simple"); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("DECLARE c CURSOR FOR select numbers 100");
            assertEquals(List.of(1L), fetch(statement, "FETCH 1 FROM c"));
            connection.commit();
            SQLException gone = assertThrows(SQLException.class, () -> fetch(statement, "FETCH 1 FROM c"));
            assertEquals("34000", gone.getSQLState());
            assertTrue(gone.getMessage().contains("cursor \"c\" does not exist"), gone.getMessage());
        }
    }

    @Test
    void aCursorWithHoldOutlivesItsTransactionAndCloseAllEndsIt() throws SQLException {
        try (Connection connection = connect("simple"); Statement statement = connection.createStatement()) {
            statement.execute("DECLARE held CURSOR WITH HOLD FOR select numbers 5");
            assertEquals(List.of(1L, 2L), fetch(statement, "FETCH 2 FROM held"));
            assertEquals(List.of(3L, 4L, 5L), fetch(statement, "FETCH 9 FROM held"));
            statement.execute("CLOSE ALL");
            assertEquals("34000", assertThrows(SQLException.class, () -> fetch(statement, "FETCH 1 FROM held")).getSQLState());
        }
    }

    @Test
    void closingACursorWithRowsLeftCancelsItsQueryAndTheSessionGoesOn() throws SQLException {
        try (Connection connection = connect("simple"); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("DECLARE c CURSOR FOR select numbers 100000");
            assertEquals(List.of(1L, 2L, 3L), fetch(statement, "FETCH 3 FROM c"));
            statement.execute("CLOSE c");
            try (ResultSet rows = statement.executeQuery("select")) {
                assertTrue(rows.next());
            }
            connection.rollback();
        }
    }

    @Test
    void anotherStatementClosesAnOpenCursor() throws SQLException {
        try (Connection connection = connect("simple"); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("DECLARE c CURSOR FOR select numbers 10");
            assertEquals(List.of(1L), fetch(statement, "FETCH 1 FROM c"));
            try (ResultSet rows = statement.executeQuery("select")) {
                assertTrue(rows.next());
            }
            SQLException closed = assertThrows(SQLException.class, () -> fetch(statement, "FETCH 1 FROM c"));
            assertEquals("55000", closed.getSQLState());
            assertTrue(closed.getMessage().contains("another statement ran"), closed.getMessage());
            connection.rollback();
        }
    }

    @Test
    void aQueryFailingWhileFetchedReportsItsErrorAfterTheRowsBeforeIt() throws SQLException {
        try (Connection connection = connect("simple"); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("DECLARE c CURSOR FOR select numbers 4 then fail");
            assertEquals(List.of(1L, 2L, 3L), fetch(statement, "FETCH 3 FROM c"));
            SQLException failed = assertThrows(SQLException.class, () -> fetch(statement, "FETCH 3 FROM c"));
            assertEquals("22012", failed.getSQLState());
            SQLException after = assertThrows(SQLException.class, () -> fetch(statement, "FETCH 3 FROM c"));
            assertEquals("55000", after.getSQLState(), "a failed cursor never reads as ended");
            assertTrue(after.getMessage().contains("22012"), after.getMessage());
            connection.rollback();
        }
    }

    @Test
    void declareReportsTheQuerysErrorAtItsPlaceInTheStatement() throws SQLException {
        try (Connection connection = connect("simple"); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            SQLException failed = assertThrows(SQLException.class,
                    () -> statement.execute("DECLARE c CURSOR FOR select bad"));
            assertEquals("42P01", failed.getSQLState());
            org.postgresql.util.ServerErrorMessage message = ((org.postgresql.util.PSQLException) failed).getServerErrorMessage();
            assertEquals("DECLARE c CURSOR FOR ".length() + "select ".length() + 1, message.getPosition());
            connection.rollback();
            statement.execute("DECLARE c CURSOR FOR select numbers 1");
            assertEquals(List.of(1L), fetch(statement, "FETCH 1 FROM c"), "the failed cursor's name is free again");
            connection.rollback();
        }
    }

    @Test
    void whatCursorsCannotDoIsRefusedWithPostgresErrors() throws SQLException {
        try (Connection connection = connect("simple"); Statement statement = connection.createStatement()) {
            assertEquals("25P01", assertThrows(SQLException.class,
                    () -> statement.execute("DECLARE c CURSOR FOR select numbers 3")).getSQLState());
            connection.setAutoCommit(false);
            assertEquals("0A000", assertThrows(SQLException.class,
                    () -> statement.execute("DECLARE c SCROLL CURSOR FOR select numbers 3")).getSQLState());
            connection.rollback();
            assertEquals("42P11", assertThrows(SQLException.class,
                    () -> statement.execute("DECLARE c CURSOR FOR DELETE FROM t")).getSQLState());
            connection.rollback();
            assertEquals("42P11", assertThrows(SQLException.class,
                    () -> statement.execute("DECLARE c CURSOR FOR WITH x AS (SELECT 1) DELETE FROM t")).getSQLState());
            connection.rollback();
            assertEquals("42601", assertThrows(SQLException.class,
                    () -> statement.execute("DECLARE c CURSOR select numbers 3")).getSQLState());
            connection.rollback();
            statement.execute("DECLARE c CURSOR FOR select numbers 3");
            assertEquals("42P03", assertThrows(SQLException.class,
                    () -> statement.execute("DECLARE c CURSOR FOR select numbers 3")).getSQLState());
            connection.rollback();
            statement.execute("DECLARE c CURSOR FOR select numbers 3");
            assertEquals("55000", assertThrows(SQLException.class,
                    () -> fetch(statement, "FETCH BACKWARD 1 FROM c")).getSQLState());
            connection.rollback();
            assertEquals("34000", assertThrows(SQLException.class,
                    () -> fetch(statement, "FETCH 1 FROM nowhere")).getSQLState());
            connection.rollback();
            assertEquals("34000", assertThrows(SQLException.class, () -> statement.execute("CLOSE nowhere")).getSQLState());
            connection.rollback();
        }
    }

    @Test
    void aConnectionClosedWithAnOpenCursorReleasesItsSession() throws Exception {
        try (Connection connection = connect("simple"); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("DECLARE c CURSOR FOR select numbers 100000");
            assertEquals(List.of(1L), fetch(statement, "FETCH 1 FROM c"));
            assertFalse(pipeline.sessionResourceClosed.get());
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!pipeline.sessionResourceClosed.get() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(pipeline.sessionResourceClosed.get(), "the session closed after the cursor's worker left");
    }
}

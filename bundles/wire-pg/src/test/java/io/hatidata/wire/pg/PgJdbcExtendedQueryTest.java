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
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * Real pgjdbc in its default mode (extended query protocol, server-side prepared statements after
 * {@code prepareThreshold} executions, binary transfer) against the real server on an ephemeral port.
 */
class PgJdbcExtendedQueryTest extends PgJdbcServerTestSupport {
    @Test
    void preparedStatementRunsSixTimesAndSwitchesToANamedStatement() throws SQLException {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement("echo ? ?")) {
            for (int i = 0; i < 6; i++) {
                statement.setInt(1, i);
                statement.setString(2, "value " + i);
                try (ResultSet rows = statement.executeQuery()) {
                    assertTrue(rows.next());
                    assertEquals(i, rows.getInt(1));
                    assertEquals("value " + i, rows.getString(2));
                    assertFalse(rows.next());
                }
            }
            assertTrue(statement.unwrap(org.postgresql.PGStatement.class).isUseServerPrepare(),
                    "pgjdbc switched to a named server-side statement");
        }
        assertEquals(6, pipeline.executed.stream().filter(each -> each.equals("echo $1 $2")).count());
    }

    @Test
    void binaryTypesRoundTrip() throws SQLException {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement("echo ? ? ? ? ?")) {
            connection.unwrap(PGConnection.class).setPrepareThreshold(1);
            java.util.UUID id = java.util.UUID.randomUUID();
            for (int i = 0; i < 3; i++) {
                statement.setLong(1, 9_000_000_000L + i);
                statement.setDouble(2, 2.5);
                statement.setObject(3, id);
                statement.setBytes(4, new byte[] {1, 2, (byte) i});
                statement.setBoolean(5, true);
                try (ResultSet rows = statement.executeQuery()) {
                    assertTrue(rows.next());
                    assertEquals(9_000_000_000L + i, rows.getLong(1));
                    assertEquals(2.5, rows.getDouble(2));
                    assertEquals(id, rows.getObject(3));
                    assertEquals(3, rows.getBytes(4).length);
                    assertTrue(rows.getBoolean(5));
                }
            }
        }
    }

    @Test
    void setAndShowGoThroughTheExtendedProtocol() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET application_name = 'agent-7'");
            try (ResultSet rows = statement.executeQuery("SHOW application_name")) {
                assertTrue(rows.next());
                assertEquals("agent-7", rows.getString(1));
            }
        }
        assertTrue(pipeline.executed.isEmpty());
    }

    @Test
    void errorsKeepTheConnectionUsable() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            SQLException error = assertThrows(SQLException.class, () -> statement.executeQuery("bad table"));
            assertEquals("42P01", error.getSQLState());
            try (ResultSet rows = statement.executeQuery("select")) {
                assertTrue(rows.next());
                assertEquals(1, rows.getInt("id"));
            }
        }
    }

    @Test
    void fetchSizeStreamsThroughASuspendedPortal() throws SQLException {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(7);
                int count = 0;
                try (ResultSet rows = statement.executeQuery("rows 50")) {
                    while (rows.next()) {
                        assertEquals(100, rows.getString(1).length());
                        count++;
                    }
                }
                assertEquals(50, count);
                // the connection goes on after the portal
                try (ResultSet rows = statement.executeQuery("select")) {
                    assertTrue(rows.next());
                }
            }
            connection.commit();
        }
        assertEquals(1, pipeline.executed.stream().filter(each -> each.equals("rows 50")).count(),
                "the statement ran once, across several Executes");
    }

    /** A documented limitation: DuckDB cannot keep a streaming result open under another statement. */
    @Test
    void anotherStatementWhileFetchingClosesTheSuspendedPortal() throws SQLException {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (Statement outer = connection.createStatement(); Statement inner = connection.createStatement()) {
                outer.setFetchSize(2);
                try (ResultSet rows = outer.executeQuery("rows 10")) {
                    assertTrue(rows.next());
                    assertTrue(rows.next());
                    try (ResultSet nested = inner.executeQuery("select")) {
                        assertTrue(nested.next());
                    }
                    SQLException closed = assertThrows(SQLException.class, () -> {
                        while (rows.next()) {
                            // fetches the next batch
                        }
                    });
                    assertEquals("55000", closed.getSQLState());
                }
            }
            connection.rollback();
        }
    }

    @Test
    void closingAResultSetEarlyCancelsTheSuspendedPortal() throws SQLException {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(5);
                try (ResultSet rows = statement.executeQuery("rows 1000")) {
                    assertTrue(rows.next());
                }
                try (ResultSet rows = statement.executeQuery("select")) {
                    assertTrue(rows.next());
                    assertEquals(1, rows.getInt(1));
                }
            }
            connection.rollback();
        }
    }
}

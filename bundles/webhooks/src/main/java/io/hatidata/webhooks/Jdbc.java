package io.hatidata.webhooks;

import io.hatidata.api.controlplane.ControlPlaneException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parameterised JDBC over the control-plane {@link DataSource}, one transaction per unit of work. SQL
 * failures become {@link ControlPlaneException}s ({@code UNAVAILABLE}; the cause only in the log).
 */
final class Jdbc {
    private static final Logger LOG = LoggerFactory.getLogger(Jdbc.class);

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs the work in one transaction; a failure rolls it back. */
    <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException ex) {
                connection.rollback();
                throw ex;
            }
        }
    }

    /** {@link #inTransaction} for request threads: SQL failures become {@code UNAVAILABLE}. */
    <T> T forCaller(Work<T> work) {
        try {
            return inTransaction(work);
        } catch (SQLException ex) {
            LOG.error("Webhook statement failed: {} ({})", ex.getMessage(), ex.getSQLState());
            throw new ControlPlaneException(ControlPlaneException.Reason.UNAVAILABLE, "the control plane is unavailable");
        }
    }

    static <T> List<T> query(Connection connection, String sql, RowMapper<T> mapper, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        }
    }

    static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    static Integer integer(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            if (value instanceof Instant each) {
                statement.setTimestamp(i + 1, Timestamp.from(each));
            } else if (value instanceof Null each) {
                statement.setNull(i + 1, each.sqlType());
            } else {
                statement.setObject(i + 1, value);
            }
        }
        return statement;
    }

    /** A typed SQL NULL parameter. */
    record Null(int sqlType) {
        static final Null TIMESTAMP = new Null(Types.TIMESTAMP);
        static final Null INTEGER = new Null(Types.INTEGER);
        static final Null BIGINT = new Null(Types.BIGINT);
        static final Null VARCHAR = new Null(Types.VARCHAR);
    }

    /** The value, or the typed NULL when it is {@code null}. */
    static Object orNull(Object value, Null type) {
        return value == null ? type : value;
    }
}

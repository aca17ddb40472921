package io.hatidata.controlplane;

import io.hatidata.api.controlplane.ControlPlaneException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Small JDBC helpers over the control-plane {@link DataSource}: parameterised statements only, and SQL
 * failures turned into {@link ControlPlaneException}s ({@code CONFLICT} for a unique-key clash, otherwise
 * {@code UNAVAILABLE} with the cause in the log, never in the answer).
 */
final class Db {
    private static final Logger LOG = LoggerFactory.getLogger(Db.class);

    /** Maps one row. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Work inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;

    Db(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
        return inTransaction(connection -> query(connection, sql, mapper, parameters));
    }

    <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... parameters) {
        List<T> rows = query(sql, mapper, parameters);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    int update(String sql, Object... parameters) {
        return inTransaction(connection -> update(connection, sql, parameters));
    }

    <T> T inTransaction(Work<T> work) {
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
        } catch (SQLException ex) {
            throw translate(ex);
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

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i] instanceof Instant each ? Timestamp.from(each) : parameters[i];
            if (value == null) {
                statement.setNull(i + 1, statement.getParameterMetaData().getParameterType(i + 1));
            } else {
                statement.setObject(i + 1, value);
            }
        }
        return statement;
    }

    private static ControlPlaneException translate(SQLException ex) {
        if (ex.getSQLState() != null && ex.getSQLState().startsWith("23")) {
            return new ControlPlaneException(ControlPlaneException.Reason.CONFLICT, "the resource already exists");
        }
        LOG.error("Control-plane statement failed: {} ({})", ex.getMessage(), ex.getSQLState());
        return new ControlPlaneException(ControlPlaneException.Reason.UNAVAILABLE, "the control plane is unavailable");
    }
}

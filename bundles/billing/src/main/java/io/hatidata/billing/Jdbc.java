package io.hatidata.billing;

import io.hatidata.api.controlplane.ControlPlaneException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Parameterised JDBC over the control-plane data source, with one transaction per unit of work. */
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

    /** Runs the work in one transaction; SQL failures propagate. */
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

    /** Like {@link #inTransaction} for service calls: an SQL failure is a control-plane {@code UNAVAILABLE}. */
    <T> T serviceTransaction(Work<T> work) {
        try {
            return inTransaction(work);
        } catch (SQLException ex) {
            LOG.error("Billing statement failed: {} ({})", ex.getMessage(), ex.getSQLState());
            throw new ControlPlaneException(ControlPlaneException.Reason.UNAVAILABLE, "billing is unavailable");
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

    static long queryLong(Connection connection, String sql, Object... parameters) throws SQLException {
        List<Long> rows = query(connection, sql, row -> row.getLong(1), parameters);
        return rows.isEmpty() ? 0 : rows.get(0);
    }

    static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}

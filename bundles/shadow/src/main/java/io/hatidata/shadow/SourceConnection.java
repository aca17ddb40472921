package io.hatidata.shadow;

import io.hatidata.api.query.Cancellable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client session's connection to the source warehouse (a session resource, closed with the session),
 * so the source sees the session's transactions as the client made them. Cancelling the client's
 * statement cancels the source statement too.
 */
final class SourceConnection implements AutoCloseable, Cancellable {
    private static final Logger LOG = LoggerFactory.getLogger(SourceConnection.class);
    private final ShadowRun run;
    private final Connection connection;
    private volatile Statement running;

    SourceConnection(ShadowRun run, Connection connection) {
        this.run = run;
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    void running(Statement statement) {
        running = statement;
    }

    @Override
    public void cancel() {
        Statement statement = running;
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException ex) {
                LOG.debug("Cancelling the source statement failed: {}", ex.getMessage());
            }
        }
    }

    @Override
    public void close() {
        run.closed(connection);
        try {
            connection.close();
        } catch (SQLException ex) {
            LOG.debug("Closing a source connection failed: {}", ex.getMessage());
        }
    }
}

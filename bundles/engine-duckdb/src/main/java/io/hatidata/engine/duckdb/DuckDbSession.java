package io.hatidata.engine.duckdb;

import io.hatidata.api.engine.EngineSession;
import io.hatidata.api.query.Column;
import io.hatidata.api.query.ColumnType;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import io.hatidata.api.query.SqlState;
import io.hatidata.api.query.TransactionStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client session's connection to an environment's database. A statement runs on its own JDBC
 * statement (DuckDB closes a statement after an error); rows are read one at a time and handed to the sink,
 * so memory stays flat whatever the result size. {@link #cancel()} interrupts the running statement from
 * any thread.
 */
final class DuckDbSession implements EngineSession {
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbSession.class);

    private final Connection connection;
    private final int timeoutSeconds;
    private final Consumer<DuckDbSession> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Statement running;
    private volatile TransactionStatus transactionStatus = TransactionStatus.IDLE;

    DuckDbSession(Connection connection, int timeoutSeconds, Consumer<DuckDbSession> onClose) {
        this.connection = connection;
        this.timeoutSeconds = timeoutSeconds;
        this.onClose = onClose;
    }

    @Override
    public void execute(String sql, ResultSink sink) throws QueryException {
        if (closed.get()) {
            throw new QueryException(SqlState.ADMIN_SHUTDOWN, "the engine session was closed; reconnect");
        }
        try (Statement statement = connection.createStatement()) {
            if (timeoutSeconds > 0) {
                statement.setQueryTimeout(timeoutSeconds);
            }
            running = statement;
            String tag;
            if (statement.execute(sql)) {
                try (ResultSet rows = statement.getResultSet()) {
                    tag = CommandTags.forRows(stream(rows, sink));
                }
            } else {
                tag = CommandTags.forUpdate(sql, statement.getLargeUpdateCount());
            }
            transactionStatus = nextStatus(tag);
            sink.complete(tag);
        } catch (SQLException ex) {
            QueryException translated = DuckDbErrors.translate(ex);
            if (SqlState.IN_FAILED_TRANSACTION.equals(translated.sqlState())
                    || (transactionStatus == TransactionStatus.IN_TRANSACTION && transactionAborted())) {
                transactionStatus = TransactionStatus.FAILED;
            }
            throw translated;
        } finally {
            running = null;
        }
    }

    private static long stream(ResultSet rows, ResultSink sink) throws SQLException, QueryException {
        ResultSetMetaData metaData = rows.getMetaData();
        int count = metaData.getColumnCount();
        ColumnType[] types = new ColumnType[count];
        List<Column> columns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            types[i] = DuckDbTypes.columnType(metaData.getColumnTypeName(i + 1));
            columns.add(new Column(metaData.getColumnLabel(i + 1), types[i]));
        }
        sink.columns(columns);
        long rowCount = 0;
        while (rows.next()) {
            Object[] values = new Object[count];
            for (int i = 0; i < count; i++) {
                values[i] = DuckDbTypes.read(rows, i + 1, types[i]);
            }
            sink.row(values);
            rowCount++;
        }
        return rowCount;
    }

    /**
     * Whether DuckDB aborted the open transaction after an error. Some errors (constraint violations) abort
     * it and others (binder, catalog) do not; a trivial statement tells which, so ReadyForQuery can report
     * 'E' right after the failing statement.
     */
    private boolean transactionAborted() {
        try (Statement probe = connection.createStatement()) {
            probe.execute("SELECT 1");
            return false;
        } catch (SQLException ex) {
            return SqlState.IN_FAILED_TRANSACTION.equals(DuckDbErrors.translate(ex).sqlState());
        }
    }

    private TransactionStatus nextStatus(String tag) {
        return switch (tag) {
            case "BEGIN" -> TransactionStatus.IN_TRANSACTION;
            case "COMMIT", "ROLLBACK" -> TransactionStatus.IDLE;
            default -> transactionStatus;
        };
    }

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public TransactionStatus transactionStatus() {
        return transactionStatus;
    }

    @Override
    public void cancel() {
        Statement statement = running;
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException ex) {
                LOG.debug("Cancel found no running statement: {}", ex.getMessage());
            }
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        cancel();
        try {
            connection.close();
        } catch (SQLException ex) {
            LOG.warn("Closing an engine session failed: {}", ex.getMessage());
        } finally {
            onClose.accept(this);
        }
    }
}

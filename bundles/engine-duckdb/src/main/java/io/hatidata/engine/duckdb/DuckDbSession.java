package io.hatidata.engine.duckdb;

import io.hatidata.api.engine.EngineSession;
import io.hatidata.api.query.Column;
import io.hatidata.api.query.ColumnType;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import io.hatidata.api.query.SqlState;
import io.hatidata.api.query.TransactionStatus;
import io.hatidata.api.query.StatementDescription;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.duckdb.DuckDBResultSetMetaData;
import org.duckdb.StatementReturnType;
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
    /** Texts remembered per session; at most this many native prepared statements stay open. */
    private static final int KEPT_STATEMENTS = 64;

    private final Connection connection;
    private final int timeoutSeconds;
    private final Consumer<DuckDbSession> onClose;
    /** Prepared statements kept for texts this session runs again. Only the statement's thread touches it. */
    private final StatementCache statements = new StatementCache(KEPT_STATEMENTS);
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Statement running;
    /** A cancel came while no DuckDB statement ran: the statement's engine work fails as soon as it starts. */
    private volatile boolean cancelPending;
    private volatile TransactionStatus transactionStatus = TransactionStatus.IDLE;
    private boolean catalogShimsInstalled;

    DuckDbSession(Connection connection, int timeoutSeconds, Consumer<DuckDbSession> onClose) {
        this.connection = connection;
        this.timeoutSeconds = timeoutSeconds;
        this.onClose = onClose;
    }

    @Override
    public void execute(String sql, ResultSink sink) throws QueryException {
        execute(sql, List.of(), sink);
    }

    /**
     * With parameters the statement runs as a JDBC prepared statement, each value bound with
     * {@code setObject}; DuckDB accepts {@code $1} … {@code $n} natively.
     */
    @Override
    public void execute(String statementText, List<Object> parameters, ResultSink sink) throws QueryException {
        requireOpen();
        String sql = catalogCompatible(statementText);
        boolean cacheable = StatementCache.cacheable(sql);
        if (!cacheable && StatementCache.invalidates(sql)) {
            statements.clear();
        }
        PreparedStatement kept = cacheable ? keptStatement(sql) : null;
        if (kept != null) {
            try {
                bind(kept, parameters);
                run(kept, sql, true, sink);
                return;
            } catch (SQLException ex) {
                statements.evict(sql);
                throw failed(ex, sql.equals(statementText) ? sql : null);
            } catch (QueryException ex) {
                statements.evict(sql);
                throw ex;
            }
        }
        try (Statement statement = parameters.isEmpty() ? connection.createStatement() : prepare(sql, parameters)) {
            if (timeoutSeconds > 0) {
                statement.setQueryTimeout(timeoutSeconds);
            }
            run(statement, sql, !parameters.isEmpty(), sink);
        } catch (SQLException ex) {
            throw failed(ex, sql.equals(statementText) ? sql : null);
        }
    }

    /** The session's kept prepared statement for the text, prepared now when it is seen the second time. */
    private PreparedStatement keptStatement(String sql) throws QueryException {
        PreparedStatement kept = statements.get(sql);
        if (kept != null || !statements.admit(sql)) {
            return kept;
        }
        try {
            kept = connection.prepareStatement(sql);
            if (timeoutSeconds > 0) {
                kept.setQueryTimeout(timeoutSeconds);
            }
        } catch (SQLException ex) {
            return null; // the plain path runs it and reports the error in the statement's own terms
        }
        statements.keep(sql, kept);
        return kept;
    }

    /**
     * Runs a statement, streams its rows and completes the sink. {@code prepared}: it is a prepared statement
     * that runs with what is bound to it ({@code sql} is then only for the command tag); DuckDB's plain
     * statements are prepared statements too, so the choice cannot be made by type.
     */
    private void run(Statement statement, String sql, boolean prepared, ResultSink sink)
            throws SQLException, QueryException {
        try {
            running = statement;
            if (cancelPending) {
                throw new QueryException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
            boolean returnsRows = prepared ? ((PreparedStatement) statement).execute() : statement.execute(sql);
            String tag;
            if (returnsRows) {
                try (ResultSet rows = statement.getResultSet()) {
                    tag = CommandTags.forRows(stream(rows, sink));
                }
            } else {
                tag = CommandTags.forUpdate(sql, statement.getLargeUpdateCount());
            }
            transactionStatus = nextStatus(tag);
            sink.complete(tag);
        } finally {
            running = null;
        }
    }

    /**
     * Prepares the statement without running it: parameter types from DuckDB's parameter metadata (types
     * it cannot infer become {@code text}), columns from the result metadata unless the statement returns
     * no rows (DuckDB then reports a {@code Count} column, which is not a result).
     */
    @Override
    public StatementDescription describe(String sql) throws QueryException {
        return describe(sql, List.of());
    }

    /**
     * With values, a result whose type DuckDB could not infer at prepare time (it then reports one
     * {@code UNKNOWN} column) is typed by running {@code DESCRIBE} of the statement with the values bound,
     * which binds but does not run it.
     */
    @Override
    public StatementDescription describe(String statementText, List<Object> parameters) throws QueryException {
        requireOpen();
        String sql = catalogCompatible(statementText);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            ParameterMetaData parameterMetaData = statement.getParameterMetaData();
            List<ColumnType> parameterTypes = new ArrayList<>();
            for (int i = 1; i <= parameterMetaData.getParameterCount(); i++) {
                parameterTypes.add(parameterType(parameterMetaData.getParameterTypeName(i)));
            }
            ResultSetMetaData metaData = statement.getMetaData();
            boolean returnsRows = !(metaData instanceof DuckDBResultSetMetaData duckDb)
                    || duckDb.getReturnType() == StatementReturnType.QUERY_RESULT;
            if (!returnsRows) {
                return new StatementDescription(parameterTypes, List.of());
            }
            if (!parameters.isEmpty() && hasUnknownColumn(metaData)) {
                return new StatementDescription(parameterTypes, describeBound(sql, parameters));
            }
            return new StatementDescription(parameterTypes, columns(metaData));
        } catch (SQLException ex) {
            throw failed(ex, sql.equals(statementText) ? sql : null);
        }
    }

    private static boolean hasUnknownColumn(ResultSetMetaData metaData) throws SQLException {
        for (int i = 1; i <= metaData.getColumnCount(); i++) {
            if ("UNKNOWN".equals(metaData.getColumnTypeName(i))) {
                return true;
            }
        }
        return false;
    }

    /** {@code DESCRIBE <statement>} with the values bound: one row (name, type, …) per result column. */
    private List<Column> describeBound(String sql, List<Object> parameters) throws SQLException, QueryException {
        List<Column> result = new ArrayList<>();
        try (PreparedStatement statement = prepare("DESCRIBE " + sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                result.add(new Column(rows.getString(1), DuckDbTypes.columnType(rows.getString(2))));
            }
        }
        return result;
    }

    /**
     * Catalog queries of Postgres clients are rewritten onto the {@link PgCatalogShims}, installed on
     * this connection the first time one arrives.
     */
    private String catalogCompatible(String statement) throws QueryException {
        String sql = PgUtilityRewriter.rewrite(statement);
        if (!PgCatalogRewriter.mayNeedRewrite(sql)) {
            return sql;
        }
        String rewritten = PgCatalogRewriter.rewrite(sql);
        if (rewritten != sql && severalStatements(rewritten)) {
            // the pipeline governed one statement: a rewrite that made several must not run them
            throw new QueryException(SqlState.SYNTAX_ERROR, "cannot run several statements in one request");
        }
        if (rewritten != sql && !catalogShimsInstalled) {
            try {
                PgCatalogShims.install(connection);
                // inside a transaction block a ROLLBACK would take the macros away again
                catalogShimsInstalled = transactionStatus == TransactionStatus.IDLE;
            } catch (SQLException ex) {
                throw failed(ex);
            }
        }
        return rewritten;
    }

    /** Whether a significant token follows a {@code ;}. */
    static boolean severalStatements(String sql) {
        boolean ended = false;
        for (SqlToken each : SqlToken.scan(sql)) {
            if (each.isTrivia()) {
                continue;
            }
            if (ended && !each.isPunct(";")) {
                return true;
            }
            ended |= each.isPunct(";");
        }
        return false;
    }

    private void requireOpen() throws QueryException {
        if (closed.get()) {
            throw new QueryException(SqlState.ADMIN_SHUTDOWN, "the engine session was closed; reconnect");
        }
    }

    /** A prepared statement with the values bound; refuses a value count that does not match. */
    private PreparedStatement prepare(String sql, List<Object> parameters) throws SQLException, QueryException {
        PreparedStatement result = connection.prepareStatement(sql);
        try {
            bind(result, parameters);
            return result;
        } catch (SQLException | QueryException | RuntimeException ex) {
            result.close();
            throw ex;
        }
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException, QueryException {
        int expected = statement.getParameterMetaData().getParameterCount();
        if (expected != parameters.size()) {
            throw new QueryException(SqlState.PROTOCOL_VIOLATION, "bind message supplies " + parameters.size()
                    + " parameters, but prepared statement requires " + expected);
        }
        for (int i = 0; i < expected; i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }

    private QueryException failed(SQLException ex) {
        return failed(ex, null);
    }

    /** @param clientSql the statement's text when the engine ran it unchanged (syntax errors get a position) */
    private QueryException failed(SQLException ex, String clientSql) {
        QueryException translated = DuckDbErrors.translate(ex, clientSql);
        if (SqlState.IN_FAILED_TRANSACTION.equals(translated.sqlState())
                || (transactionStatus == TransactionStatus.IN_TRANSACTION && transactionAborted())) {
            transactionStatus = TransactionStatus.FAILED;
        }
        return translated;
    }

    /** A parameter's type; DuckDB says {@code INVALID} or {@code UNKNOWN} where it cannot infer one. */
    private static ColumnType parameterType(String duckDbTypeName) {
        if (duckDbTypeName == null || duckDbTypeName.equals("INVALID") || duckDbTypeName.equals("UNKNOWN")) {
            return ColumnType.TEXT;
        }
        return DuckDbTypes.columnType(duckDbTypeName);
    }

    private static List<Column> columns(ResultSetMetaData metaData) throws SQLException {
        int count = metaData.getColumnCount();
        List<Column> result = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            result.add(new Column(metaData.getColumnLabel(i), DuckDbTypes.columnType(metaData.getColumnTypeName(i))));
        }
        return result;
    }

    private static long stream(ResultSet rows, ResultSink sink) throws SQLException, QueryException {
        List<Column> columns = columns(rows.getMetaData());
        int count = columns.size();
        ColumnType[] types = new ColumnType[count];
        for (int i = 0; i < count; i++) {
            types[i] = columns.get(i).type();
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
        cancelPending = true;
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
    public void statementStarted() {
        cancelPending = false;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        cancel();
        try {
            statements.clear();
            connection.close();
        } catch (SQLException ex) {
            LOG.warn("Closing an engine session failed: {}", ex.getMessage());
        } finally {
            onClose.accept(this);
        }
    }
}

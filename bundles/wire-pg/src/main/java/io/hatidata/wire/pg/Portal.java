package io.hatidata.wire.pg;

import io.hatidata.api.query.Column;
import io.hatidata.api.query.SqlState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A portal a Bind created: a prepared statement with its parameter values and the result formats the
 * client wants. Its first Execute starts a {@link PortalExecution}; later Executes of the same portal
 * continue it when it was suspended.
 *
 * <p>Created and looked up on the event loop; {@link #columns} and {@link #execution} are written by the
 * statement worker, hence volatile.
 */
final class Portal {
    private final String name;
    private final PgPreparedStatement statement;
    private final List<Object> parameters;
    private final ResultFormats resultFormats;
    private volatile List<Column> columns;
    private volatile PortalExecution execution;
    /** A Describe of this portal is answered by its first Execute (see {@link DescribeHandler}). */
    private volatile boolean describedByExecute;
    /** Declared in SQL: its rows go through this sink to FETCH ({@link CursorHandler}); else {@code null}. */
    private final CursorSink cursor;
    /** A cursor declared {@code WITH HOLD}: the end of a transaction does not close it. */
    private final boolean holdable;

    Portal(String name, PgPreparedStatement statement, List<Object> parameters, ResultFormats resultFormats) {
        this(name, statement, parameters, resultFormats, false, false);
    }

    private Portal(String name, PgPreparedStatement statement, List<Object> parameters, ResultFormats resultFormats,
            boolean cursor, boolean holdable) {
        this.name = Objects.requireNonNull(name, "name");
        this.statement = Objects.requireNonNull(statement, "statement");
        this.parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
        this.resultFormats = Objects.requireNonNull(resultFormats, "resultFormats");
        this.cursor = cursor ? new CursorSink(this) : null;
        this.holdable = holdable;
    }

    /** A cursor a DECLARE opens over {@code query} with these parameter values: text results, read by FETCH. */
    static Portal declaredCursor(String name, String query, boolean holdable, List<Object> parameters) {
        return new Portal(name, new PgPreparedStatement("", query, List.of()), parameters, ResultFormats.TEXT, true,
                holdable);
    }

    String name() {
        return name;
    }

    PgPreparedStatement statement() {
        return statement;
    }

    List<Object> parameters() {
        return parameters;
    }

    ResultFormats resultFormats() {
        return resultFormats;
    }

    /** The result columns once an execution announced them, else {@code null}. */
    List<Column> columns() {
        return columns;
    }

    void columns(List<Column> newColumns) {
        this.columns = List.copyOf(newColumns);
    }

    /** Whether the first Execute sends the RowDescription (or NoData) a deferred Describe owes. */
    boolean describedByExecute() {
        return describedByExecute;
    }

    void describedByExecute(boolean value) {
        this.describedByExecute = value;
    }

    /** The execution started by the first Execute, else {@code null}. */
    PortalExecution execution() {
        return execution;
    }

    void execution(PortalExecution newExecution) {
        this.execution = newExecution;
    }

    /** The sink of a cursor declared in SQL, else {@code null}. */
    CursorSink cursor() {
        return cursor;
    }

    /** {@code cursor "name"} or {@code portal "name"}, for messages. */
    String describe() {
        return (cursor != null ? "cursor \"" : "portal \"") + name + "\"";
    }

    boolean holdable() {
        return holdable;
    }

    /** Stops a suspended execution of this portal (Close, end of transaction, connection closed). */
    void close(String reason) {
        PortalExecution current = execution;
        if (current != null) {
            current.close(SqlState.QUERY_CANCELED, reason);
        }
    }
}

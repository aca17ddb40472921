package io.hatidata.wire.pg;

import io.hatidata.api.query.Column;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import io.hatidata.api.query.SqlState;
import java.util.List;

/**
 * The result sink of an Execute: no RowDescription (Describe sends it; for a Describe the Execute
 * answers, see {@link DescribeHandler}, the first thing sent is the RowDescription or NoData), each row a DataRow in the formats
 * the Bind asked for, the end a CommandComplete. When the Execute's row limit is reached and another row
 * comes, it sends PortalSuspended and {@linkplain PortalExecution#suspend() suspends} the statement until
 * the next Execute of the portal, so a result is never held whole.
 */
final class PortalSink implements ResultSink {
    private final PgConnection connection;
    private final Portal portal;
    private final PortalExecution execution;
    private List<Column> columns;
    private short[] formats;
    private long sentInThisExecute;

    PortalSink(PgConnection connection, Portal portal, PortalExecution execution) {
        this.connection = connection;
        this.portal = portal;
        this.execution = execution;
    }

    /** Checks the Bind's result formats against the columns (before any row is sent) and remembers them. */
    @Override
    public void columns(List<Column> newColumns) throws QueryException {
        formats = portal.resultFormats().forColumns(newColumns);
        columns = List.copyOf(newColumns);
        portal.columns(columns);
        if (portal.describedByExecute()) {
            connection.writer().write(columns.isEmpty() ? BackendMessages.noData(connection.alloc())
                    : BackendMessages.rowDescription(connection.alloc(), columns, formats));
        }
    }

    @Override
    public void row(Object[] values) throws QueryException {
        if (columns == null || values.length != columns.size()) {
            throw new QueryException(SqlState.INTERNAL_ERROR, "internal error: a row does not match its columns");
        }
        int limit = execution.limit();
        if (limit > 0 && sentInThisExecute >= limit) {
            connection.writer().write(BackendMessages.portalSuspended(connection.alloc()));
            connection.writer().flush();
            execution.suspend();
            sentInThisExecute = 0;
        }
        connection.writer().write(BackendMessages.dataRow(connection.alloc(), values, columns, formats));
        sentInThisExecute++;
    }

    @Override
    public void complete(String commandTag) throws QueryException {
        if (portal.describedByExecute() && columns == null) {
            connection.writer().write(BackendMessages.noData(connection.alloc()));
        }
        connection.writer().write(BackendMessages.commandComplete(connection.alloc(), commandTag));
    }
}

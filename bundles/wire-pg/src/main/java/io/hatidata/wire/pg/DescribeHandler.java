package io.hatidata.wire.pg;

import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.query.Column;
import io.hatidata.api.query.ColumnType;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.StatementDescription;
import java.util.List;
import java.util.Optional;

/**
 * Describe: what a prepared statement ('S') or portal ('P') takes and returns.
 *
 * <pre>
 *   Describe statement → ParameterDescription, then RowDescription (text formats) or NoData
 *   Describe portal    → RowDescription (the Bind's result formats) or NoData
 * </pre>
 *
 * <p>The answer comes from a {@linkplain QueryContext#describeOnly() describe-only} run through the
 * pipeline on the statement executor, so stages check and rewrite the statement as they would for an
 * Execute and the engine prepares it without running it. Declared parameter types win; unspecified ones
 * (OID 0) are filled from the engine's {@link StatementDescription}. A portal whose execution already
 * announced its columns, an empty statement and a SET/RESET/SHOW the connection answers itself are
 * described without the pipeline.
 *
 * <p>A Describe of a portal that has not run yet, with every result column in text, is <em>owed</em>
 * rather than answered at once: when the next message is the Execute of that portal (what libpq's
 * {@code PQexecPrepared}, pgbench's extended and prepared modes and most drivers send: Bind, Describe
 * portal, Execute, Sync), that Execute sends the RowDescription or NoData before its rows, exactly the
 * bytes the Describe would have sent, and the statement goes through the pipeline and the engine once
 * instead of twice. When any other message comes first (Flush, Sync, another Bind, …), the Describe is
 * answered the usual way before that message is handled. A statement that fails sends its ErrorResponse
 * where the RowDescription would have been, as a failing Describe does.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY">
 *     PostgreSQL: Extended Query</a>
 */
final class DescribeHandler {

    private DescribeHandler() {}

    static void handle(PgConnection connection, FrontendMessage.Describe describe) {
        if (connection.ignoringTillSync()) {
            return;
        }
        try {
            if (describe.kind() == 'S') {
                describeStatement(connection, connection.extendedQuery().statement(describe.name()));
            } else {
                describePortal(connection, connection.extendedQuery().portal(describe.name()));
            }
        } catch (QueryException ex) {
            ExtendedQueryErrors.send(connection, ex);
        }
    }

    private static void describeStatement(PgConnection connection, PgPreparedStatement statement)
            throws QueryException {
        Optional<List<Column>> known = knownColumns(connection, statement);
        if (known.isPresent()) {
            connection.send(BackendMessages.parameterDescription(connection.alloc(), parameterTypes(statement, null)));
            sendColumns(connection, known.get(), ResultFormats.TEXT);
            return;
        }
        connection.offload(() -> {
            try {
                DescribeSink sink = new DescribeSink();
                StatementDescription description = runDescribing(connection, null, statement, List.of(), sink);
                connection.send(BackendMessages.parameterDescription(
                        connection.alloc(), parameterTypes(statement, description)));
                sendColumns(connection, sink.columns(), ResultFormats.TEXT);
            } catch (QueryException ex) {
                ExtendedQueryErrors.send(connection, ex);
            } catch (RuntimeException | LinkageError | StackOverflowError | AssertionError ex) {
                ExtendedQueryErrors.sendDefect(connection, ex);
            }
        }, () -> ExtendedQueryErrors.sendBusy(connection));
    }

    private static void describePortal(PgConnection connection, Portal portal) throws QueryException {
        List<Column> announced = portal.columns();
        Optional<List<Column>> known = announced != null ? Optional.of(announced) : knownColumns(connection, portal.statement());
        if (known.isPresent()) {
            sendColumns(connection, known.get(), portal.resultFormats());
            return;
        }
        if (portal.execution() == null && allText(portal.resultFormats())) {
            connection.extendedQuery().oweDescribe(portal);
            return;
        }
        describeWithPipeline(connection, portal);
    }

    /**
     * Event loop, before each message of a ready connection: settles a Describe owed to a portal. The
     * Execute of that portal answers it (returns false: handle the Execute); any other message waits until
     * the Describe is answered through the pipeline (returns true: the message is handled after that).
     */
    static boolean settleOwed(PgConnection connection, FrontendMessage message) {
        Portal owed = connection.extendedQuery().takeOwedDescribe();
        if (owed == null) {
            return false;
        }
        if (message instanceof FrontendMessage.Execute execute && execute.portalName().equals(owed.name())) {
            owed.describedByExecute(true);
            return false;
        }
        if (connection.ignoringTillSync()) {
            return false;
        }
        connection.handleAgainLater(message);
        describeWithPipeline(connection, owed);
        return true;
    }

    private static boolean allText(ResultFormats formats) {
        for (short code : formats.codes()) {
            if (code != 0) {
                return false;
            }
        }
        return true;
    }

    private static void describeWithPipeline(PgConnection connection, Portal portal) {
        connection.offload(() -> {
            try {
                DescribeSink sink = new DescribeSink();
                runDescribing(connection, portal, portal.statement(), portal.parameters(), sink);
                sendColumns(connection, sink.columns(), portal.resultFormats());
            } catch (QueryException ex) {
                ExtendedQueryErrors.send(connection, ex);
            } catch (RuntimeException | LinkageError | StackOverflowError | AssertionError ex) {
                ExtendedQueryErrors.sendDefect(connection, ex);
            }
        }, () -> ExtendedQueryErrors.sendBusy(connection));
    }

    /**
     * Columns known without the engine: none for an empty statement, SET/RESET, DECLARE, MOVE or CLOSE, one
     * for SHOW, the cursor's for a FETCH.
     */
    private static Optional<List<Column>> knownColumns(PgConnection connection, PgPreparedStatement statement)
            throws QueryException {
        if (statement.isEmpty()) {
            return Optional.of(List.of());
        }
        if (CursorCommand.isCursorCommand(statement.sql())) {
            return Optional.of(CursorHandler.describe(connection, statement.sql()));
        }
        return statement.sessionParameterCommand().map(command -> command.kind() == SetCommand.Kind.SHOW
                ? List.of(new Column(command.name(), ColumnType.TEXT))
                : List.of());
    }

    /** Statement executor: a describe-only run through the pipeline; returns the engine's description, if any. */
    private static StatementDescription runDescribing(PgConnection connection, Portal portal,
            PgPreparedStatement statement, List<Object> parameters, DescribeSink sink) throws QueryException {
        connection.extendedQuery().closeSuspendedPortals(portal);
        QueryContext context = QueryContext.of(
                        connection.session(), connection.server().newId("qry_"), statement.sql(), sink)
                .withParameters(parameters)
                .describing();
        connection.server().requirePipeline().execute(context);
        Object description = context.attributes().get(StatementDescription.ATTRIBUTE);
        return description instanceof StatementDescription known ? known : null;
    }

    /** Declared OIDs, with unspecified (0) ones and undeclared trailing ones filled from the engine. */
    static int[] parameterTypes(PgPreparedStatement statement, StatementDescription description) {
        List<ColumnType> inferred = description == null ? List.of() : description.parameterTypes();
        int[] result = new int[Math.max(statement.parameterTypes().size(), inferred.size())];
        for (int i = 0; i < result.length; i++) {
            int declared = statement.declaredType(i);
            if (declared != PgOids.UNSPECIFIED) {
                result[i] = declared;
            } else {
                result[i] = i < inferred.size() ? inferred.get(i).oid() : ColumnType.TEXT.oid();
            }
        }
        return result;
    }

    private static void sendColumns(PgConnection connection, List<Column> columns, ResultFormats formats) {
        if (columns.isEmpty()) {
            connection.send(BackendMessages.noData(connection.alloc()));
            return;
        }
        try {
            connection.send(BackendMessages.rowDescription(connection.alloc(), columns, formats.forColumns(columns)));
        } catch (QueryException ex) {
            ExtendedQueryErrors.send(connection, ex);
        }
    }
}

package io.hatidata.wire.pg;

import io.hatidata.api.pipeline.Pipeline;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import io.hatidata.api.query.SqlState;
import io.hatidata.api.query.StatementDescription;
import io.hatidata.api.query.TransactionStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code COPY … TO STDOUT} and {@code COPY … FROM STDIN} in a simple Query, on the statement executor.
 * Both go through the pipeline like any statement, so governance applies to bulk transfer too: the export
 * is the rows of {@code SELECT … FROM table} (or of the query), and the load is a series of parameterised
 * {@code INSERT … VALUES} of up to {@value #MAX_BATCH_ROWS} rows, the values bound as parameters, never
 * spliced into SQL. A load outside a transaction block runs in its own transaction: it lands whole or not
 * at all. After an error the rest of the stream is read and dropped, then the error is reported.
 */
final class CopyHandler {
    static final int MAX_BATCH_ROWS = 1000;
    private static final int MAX_BATCH_PARAMETERS = 30_000;
    private static final long POLL_MILLIS = 500;
    private static final long IDLE_LIMIT_MILLIS = TimeUnit.MINUTES.toMillis(10);

    private CopyHandler() {}

    /** Statement executor: runs the statement if it is a COPY over the connection; returns whether it was. */
    static boolean handle(PgConnection connection, String statement, String queryId) throws QueryException {
        CopyCommand copy = CopyCommand.parse(statement).orElse(null);
        if (copy == null) {
            return false;
        }
        Pipeline pipeline = connection.server().requirePipeline();
        if (copy.in()) {
            copyIn(connection, pipeline, copy, queryId);
        } else {
            CopyOutSink sink = new CopyOutSink(connection.writer(), connection.alloc(), copy.format());
            pipeline.execute(QueryContext.of(connection.session(), queryId, copy.selectStatement(), sink));
        }
        return true;
    }

    private static void copyIn(PgConnection connection, Pipeline pipeline, CopyCommand copy, String queryId)
            throws QueryException {
        Session session = connection.session();
        int width = copy.columns().isEmpty() ? tableWidth(connection, pipeline, copy, queryId) : copy.columns().size();
        boolean ownTransaction = connection.transactionStatus() == TransactionStatus.IDLE;
        CopyInStream stream = connection.startCopyIn();
        QueryException failure = null;
        long rows = 0;
        try {
            connection.writer().write(BackendMessages.copyResponse(connection.alloc(), 'G', width));
            connection.writer().flush();
            if (ownTransaction) {
                run(pipeline, session, queryId, "BEGIN", List.of());
            }
            Batch batch = new Batch(copy, width);
            CopyInRows lines = new CopyInRows(copy.format(), width);
            long idleSince = System.nanoTime();
            while (true) {
                FrontendMessage message = stream.poll(POLL_MILLIS);
                if (message == null) {
                    if (!connection.channel().isActive()) {
                        throw new QueryException(SqlState.CONNECTION_FAILURE, "client connection closed during COPY");
                    }
                    if (System.nanoTime() - idleSince > TimeUnit.MILLISECONDS.toNanos(IDLE_LIMIT_MILLIS)) {
                        throw new QueryException(SqlState.QUERY_CANCELED, "COPY FROM STDIN received no data for "
                                + TimeUnit.MILLISECONDS.toMinutes(IDLE_LIMIT_MILLIS) + " minutes");
                    }
                    continue;
                }
                idleSince = System.nanoTime();
                if (message instanceof FrontendMessage.CopyFail fail) {
                    failure = failure != null ? failure : new QueryException(SqlState.QUERY_CANCELED,
                            "COPY from stdin failed: " + fail.reason());
                    break;
                }
                try {
                    if (message instanceof FrontendMessage.CopyData data && failure == null) {
                        rows += batch.addAll(lines.feed(data.data()), pipeline, session, queryId);
                    } else if (message instanceof FrontendMessage.CopyDone) {
                        if (failure == null) {
                            rows += batch.addAll(lines.finish(), pipeline, session, queryId);
                            rows += batch.flush(pipeline, session, queryId);
                        }
                        break;
                    }
                } catch (QueryException ex) {
                    failure = ex;
                }
            }
            if (failure == null && ownTransaction) {
                run(pipeline, session, queryId, "COMMIT", List.of());
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            failure = new QueryException(SqlState.QUERY_CANCELED, "COPY interrupted");
        } catch (QueryException ex) {
            failure = ex;
        } finally {
            connection.endCopyIn(stream);
        }
        if (failure != null) {
            if (ownTransaction && connection.transactionStatus() != TransactionStatus.IDLE) {
                rollbackQuietly(pipeline, session, queryId);
            }
            throw failure;
        }
        connection.writer().write(BackendMessages.commandComplete(connection.alloc(), "COPY " + rows));
    }

    /** The number of columns of the target table, from a describe-only run of {@code SELECT *}. */
    private static int tableWidth(PgConnection connection, Pipeline pipeline, CopyCommand copy, String queryId)
            throws QueryException {
        QueryContext context = QueryContext.of(connection.session(), queryId, "SELECT * FROM " + copy.table(),
                ResultSink.discarding()).describing();
        pipeline.execute(context);
        Object description = context.attributes().get(StatementDescription.ATTRIBUTE);
        if (!(description instanceof StatementDescription known) || known.columns().isEmpty()) {
            throw new QueryException(SqlState.UNDEFINED_TABLE, "cannot find the columns of " + copy.table());
        }
        return known.columns().size();
    }

    private static void run(Pipeline pipeline, Session session, String queryId, String sql, List<Object> parameters)
            throws QueryException {
        pipeline.execute(QueryContext.of(session, queryId, sql, ResultSink.discarding()).withParameters(parameters));
    }

    private static void rollbackQuietly(Pipeline pipeline, Session session, String queryId) {
        try {
            run(pipeline, session, queryId, "ROLLBACK", List.of());
        } catch (QueryException ex) {
            // the engine already ended the transaction
        }
    }

    /** Rows waiting to be inserted together. */
    private static final class Batch {
        private final CopyCommand copy;
        private final int width;
        private final int maxRows;
        private final List<Object> values = new ArrayList<>();
        private int rows;

        Batch(CopyCommand copy, int width) {
            this.copy = copy;
            this.width = width;
            this.maxRows = Math.max(1, Math.min(MAX_BATCH_ROWS, MAX_BATCH_PARAMETERS / width));
        }

        /** Adds rows, inserting each full batch; returns the number of rows inserted. */
        long addAll(List<List<String>> lines, Pipeline pipeline, Session session, String queryId)
                throws QueryException {
            long inserted = 0;
            for (List<String> row : lines) {
                values.addAll(row);
                if (++rows == maxRows) {
                    inserted += flush(pipeline, session, queryId);
                }
            }
            return inserted;
        }

        long flush(Pipeline pipeline, Session session, String queryId) throws QueryException {
            if (rows == 0) {
                return 0;
            }
            int count = rows;
            run(pipeline, session, queryId, copy.insertStatement(width, count), new ArrayList<>(values));
            values.clear();
            rows = 0;
            return count;
        }
    }
}

package io.hatidata.wire.pg;

import io.hatidata.api.pipeline.Pipeline;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.StageInfo;
import io.hatidata.api.query.Column;
import io.hatidata.api.query.ColumnType;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import io.hatidata.api.query.TransactionStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Answers a few statements the way an engine would:
 *
 * <ul>
 *   <li>{@code select} → columns (id int4, name text), rows (1, one) and (2, NULL), {@code SELECT 2};
 *   <li>{@code rows N} → N rows of one 100-character text column, {@code SELECT N};
 *   <li>{@code bad…} → QueryException 42P01;
 *   <li>{@code boom} → IllegalStateException;
 *   <li>{@code begin} → IN_TRANSACTION, {@code BEGIN};
 *   <li>anything else → {@code OK}.
 * </ul>
 *
 * Every statement registers a session resource, whose closing is recorded in {@link #sessionResourceClosed}.
 */
final class FakePipeline implements Pipeline {
    final List<String> executed = new CopyOnWriteArrayList<>();
    final AtomicBoolean sessionResourceClosed = new AtomicBoolean();

    @Override
    public void execute(QueryContext context) throws QueryException {
        String sql = context.sql();
        executed.add(sql);
        context.session().resource("fake", () -> () -> sessionResourceClosed.set(true));
        if (sql.equals("select")) {
            context.sink().columns(List.of(new Column("id", ColumnType.INT4), new Column("name", ColumnType.TEXT)));
            context.sink().row(new Object[] {1, "one"});
            context.sink().row(new Object[] {2, null});
            context.sink().complete("SELECT 2");
        } else if (sql.startsWith("rows ")) {
            int count = Integer.parseInt(sql.substring(5));
            context.sink().columns(List.of(new Column("filler", ColumnType.TEXT)));
            String filler = "x".repeat(100);
            for (int i = 0; i < count; i++) {
                context.sink().row(new Object[] {filler});
            }
            context.sink().complete("SELECT " + count);
        } else if (sql.startsWith("bad")) {
            throw new QueryException(SqlState.UNDEFINED_TABLE, "relation \"bad\" does not exist");
        } else if (sql.equals("boom")) {
            throw new IllegalStateException("a defect with internals the client must not see");
        } else if (sql.equals("overflow")) {
            throw new StackOverflowError();
        } else if (sql.equals("begin")) {
            context.session().transactionStatus(TransactionStatus.IN_TRANSACTION);
            context.sink().complete("BEGIN");
        } else {
            context.sink().complete("OK");
        }
    }

    @Override
    public List<StageInfo> stages() {
        return List.of();
    }
}

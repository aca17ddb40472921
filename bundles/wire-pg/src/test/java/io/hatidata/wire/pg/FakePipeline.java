package io.hatidata.wire.pg;

import io.hatidata.api.pipeline.Pipeline;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.StageInfo;
import io.hatidata.api.query.Column;
import io.hatidata.api.query.ColumnType;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import io.hatidata.api.query.StatementDescription;
import io.hatidata.api.query.TransactionStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Answers a few statements the way an engine would:
 *
 * <ul>
 *   <li>{@code select} → columns (id int4, name text), rows (1, one) and (2, NULL), {@code SELECT 2};
 *   <li>{@code rows N} → N rows of one 100-character text column, {@code SELECT N};
 *   <li>{@code select numbers N} (or {@code $1}, bound) → N rows of one int8 column {@code n}: 1 … N, {@code SELECT N}; with
 *       {@code then fail} after them, 22012 instead of the end;
 *   <li>{@code echo $1 … $n} → one row with the bound values, one column per value typed by its Java type
 *       (the engine infers int8 for every parameter when describing);
 *   <li>{@code interval} → one interval column, {@code SELECT 1};
 *   <li>{@code bad…} and {@code select bad…} → QueryException 42P01 (at {@code bad} after select);
 *   <li>{@code boom} → IllegalStateException;
 *   <li>{@code begin} → IN_TRANSACTION, {@code BEGIN}; {@code commit}/{@code rollback} → IDLE (any case);
 *   <li>anything else → {@code OK}.
 * </ul>
 *
 * Describe-only runs answer columns and leave a {@link StatementDescription} like the execute stage.
 * Every statement registers a session resource, whose closing is recorded in {@link #sessionResourceClosed}.
 */
final class FakePipeline implements Pipeline {
    final List<String> executed = new CopyOnWriteArrayList<>();
    final List<String> described = new CopyOnWriteArrayList<>();
    final List<List<Object>> parameters = new CopyOnWriteArrayList<>();
    final AtomicBoolean sessionResourceClosed = new AtomicBoolean();
    /** The session settings the last statement saw. */
    volatile java.util.Map<String, String> lastSettings = java.util.Map.of();

    @Override
    public void execute(QueryContext context) throws QueryException {
        lastSettings = context.session().settings();
        String sql = context.sql();
        context.session().resource("fake", () -> () -> sessionResourceClosed.set(true));
        (context.describeOnly() ? described : executed).add(sql);
        if (sql.startsWith("bad") || sql.startsWith("select bad")) {
            int position = sql.startsWith("select") ? "select ".length() + 1 : 0;
            throw new QueryException(SqlState.UNDEFINED_TABLE, "relation \"bad\" does not exist", position, null);
        }
        if (context.describeOnly()) {
            describe(context);
            return;
        }
        parameters.add(Collections.unmodifiableList(new ArrayList<>(context.parameters())));
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
        } else if (sql.startsWith("select numbers ")) {
            String[] words = sql.split(" ");
            int count = words[2].equals("$1") ? Integer.parseInt(String.valueOf(context.parameters().get(0)))
                    : Integer.parseInt(words[2]);
            context.sink().columns(List.of(new Column("n", ColumnType.INT8)));
            for (long i = 1; i <= count; i++) {
                context.sink().row(new Object[] {i});
            }
            if (sql.endsWith("then fail")) {
                throw new QueryException(SqlState.DIVISION_BY_ZERO, "division by zero");
            }
            context.sink().complete("SELECT " + count);
        } else if (sql.startsWith("echo")) {
            context.sink().columns(echoColumns(context.parameters()));
            context.sink().row(context.parameters().toArray());
            context.sink().complete("SELECT 1");
        } else if (sql.equals("interval")) {
            context.sink().columns(List.of(new Column("i", ColumnType.INTERVAL)));
            context.sink().row(new Object[] {"1 day"});
            context.sink().complete("SELECT 1");
        } else if (sql.equals("boom")) {
            throw new IllegalStateException("a defect with internals the client must not see");
        } else if (sql.equals("overflow")) {
            throw new StackOverflowError();
        } else if (sql.equalsIgnoreCase("begin")) {
            context.session().transactionStatus(TransactionStatus.IN_TRANSACTION);
            context.sink().complete("BEGIN");
        } else if (sql.equalsIgnoreCase("commit") || sql.equalsIgnoreCase("rollback")) {
            context.session().transactionStatus(TransactionStatus.IDLE);
            context.sink().complete(sql.toUpperCase(java.util.Locale.ROOT));
        } else {
            context.sink().complete("OK");
        }
    }

    private void describe(QueryContext context) throws QueryException {
        String sql = context.sql();
        List<ColumnType> parameterTypes = new ArrayList<>();
        List<Column> columns = List.of();
        if (sql.equals("select")) {
            columns = List.of(new Column("id", ColumnType.INT4), new Column("name", ColumnType.TEXT));
        } else if (sql.startsWith("rows ")) {
            columns = List.of(new Column("filler", ColumnType.TEXT));
        } else if (sql.equals("interval")) {
            columns = List.of(new Column("i", ColumnType.INTERVAL));
        } else if (sql.startsWith("echo")) {
            long count = sql.chars().filter(each -> each == '$').count();
            for (int i = 0; i < count; i++) {
                parameterTypes.add(ColumnType.INT8);
            }
            columns = context.parameters().isEmpty()
                    ? parameterTypes.stream().map(each -> new Column("v", each)).toList()
                    : echoColumns(context.parameters());
        }
        if (!columns.isEmpty()) {
            context.sink().columns(columns);
        }
        context.attributes().put(StatementDescription.ATTRIBUTE, new StatementDescription(parameterTypes, columns));
        context.sink().complete("");
    }

    private static List<Column> echoColumns(List<Object> values) {
        List<Column> result = new ArrayList<>();
        for (Object each : values) {
            result.add(new Column("v", typeOf(each)));
        }
        return result;
    }

    private static ColumnType typeOf(Object value) {
        if (value instanceof Long) {
            return ColumnType.INT8;
        } else if (value instanceof Integer) {
            return ColumnType.INT4;
        } else if (value instanceof Short) {
            return ColumnType.INT2;
        } else if (value instanceof Double) {
            return ColumnType.FLOAT8;
        } else if (value instanceof Float) {
            return ColumnType.FLOAT4;
        } else if (value instanceof Boolean) {
            return ColumnType.BOOL;
        } else if (value instanceof byte[]) {
            return ColumnType.BYTEA;
        } else if (value instanceof UUID) {
            return ColumnType.UUID;
        } else if (value instanceof BigDecimal) {
            return ColumnType.NUMERIC;
        } else if (value instanceof LocalDate) {
            return ColumnType.DATE;
        } else if (value instanceof LocalDateTime) {
            return ColumnType.TIMESTAMP;
        } else if (value instanceof OffsetDateTime) {
            return ColumnType.TIMESTAMPTZ;
        }
        return ColumnType.TEXT;
    }

    @Override
    public List<StageInfo> stages() {
        return List.of();
    }
}

package io.hatidata.shadow;

import io.hatidata.api.pipeline.QueryChain;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.QueryStage;
import io.hatidata.api.query.Column;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Warehouse shadow (order {@value #ORDER}, after governance and before transpilation): while a shadow run
 * is active for the session's environment, the statement first runs on the source warehouse through the
 * session's own source connection, and that result streams to the client; then the rest of the chain runs
 * it on HatiData into a capturing sink that the client never sees, and the two results are compared.
 *
 * <p>Why this order: the caller must get the source's answer (and its error, if the source refuses, in
 * which case HatiData does not run the statement); running the source first means the client's rows are
 * never held back by HatiData, and a statement that writes only reaches HatiData once the source took it.
 * The source gets the statement as governance left it (policies, row filters and masks of earlier stages
 * apply to both sides), in the client's dialect. Reads that are not sampled run on the source only;
 * statements that may write and session commands always run on both (so the stores stay alike); session
 * commands are not compared. Describe-only requests are answered from the source's metadata.
 */
@Component(service = QueryStage.class, property = {QueryStage.ORDER + ":Integer=" + ShadowStage.ORDER,
        QueryStage.NAME + "=warehouse-shadow"})
public final class ShadowStage implements QueryStage {
    static final int ORDER = 790;
    private static final String RESOURCE = "io.hatidata.shadow.source.";

    private final ShadowRuns runs;

    @Activate
    public ShadowStage(@Reference ShadowRuns runs) {
        this.runs = runs;
    }

    @Override
    public void process(QueryContext context, QueryChain chain) throws QueryException {
        ShadowRun run = runs.active(context.session().identity().environmentId());
        if (run == null) {
            chain.proceed(context);
            return;
        }
        SourceConnection source = context.session().resource(RESOURCE + run.id(), () -> open(run));
        String sql = context.sql();
        if (context.describeOnly()) {
            describe(source, sql, context.parameters().size(), context.sink());
            return;
        }
        run.counted();
        boolean sessionCommand = SqlText.sessionCommand(sql);
        boolean reads = !sessionCommand && SqlText.reads(sql);
        boolean sampled = ThreadLocalRandom.current().nextDouble() < run.settings().sampleRate();
        CapturedResult sourceSide = new CapturedResult(run.limits().rowsCompared());
        try {
            execute(source, run, sql, context.parameters(), new CapturingSink(context.sink(), sourceSide));
        } catch (SQLException ex) {
            run.sourceFailed();
            String state = ex.getSQLState() == null || ex.getSQLState().length() != 5 ? "58000" : ex.getSQLState();
            throw new QueryException(state, ex.getMessage() == null ? "the source failed" : ex.getMessage());
        }
        if (reads && !sampled) {
            run.skipped();
            return;
        }
        CapturedResult hatidataSide = new CapturedResult(run.limits().rowsCompared());
        try {
            chain.proceed(context.withSink(new CapturingSink(ResultSink.discarding(), hatidataSide)));
        } catch (QueryException ex) {
            hatidataSide.failed(ex.sqlState(), ex.getMessage());
        }
        if (sessionCommand || sourceSide.truncated() || hatidataSide.truncated()) {
            run.skipped();
            return;
        }
        Optional<String> difference = run.comparator().difference(sourceSide, hatidataSide, SqlText.ordered(sql));
        if (difference.isPresent()) {
            run.mismatched(context.queryId(), sql, difference.get(), sourceSide, hatidataSide);
        } else {
            run.matched();
        }
    }

    private static SourceConnection open(ShadowRun run) throws QueryException {
        try {
            return new SourceConnection(run, run.connect());
        } catch (SQLException ex) {
            String state = ex.getSQLState() == null || ex.getSQLState().length() != 5 ? "08001" : ex.getSQLState();
            throw new QueryException(state, "the shadow source cannot be reached: " + ex.getMessage());
        }
    }

    private static void execute(SourceConnection source, ShadowRun run, String sql, List<Object> parameters,
            ResultSink sink) throws SQLException, QueryException {
        SqlText.Jdbc jdbc = parameters.isEmpty() ? null : SqlText.jdbc(sql);
        try (Statement statement = jdbc == null ? source.connection().createStatement()
                : bound(source.connection().prepareStatement(jdbc.sql()), jdbc.markers(), parameters)) {
            statement.setQueryTimeout(run.limits().queryTimeoutSeconds());
            source.running(statement);
            boolean rows = jdbc == null ? statement.execute(sql) : ((PreparedStatement) statement).execute();
            if (rows) {
                try (ResultSet result = statement.getResultSet()) {
                    List<Column> columns = JdbcResults.columns(result.getMetaData());
                    sink.columns(columns);
                    long count = JdbcResults.stream(result, columns, sink);
                    sink.complete(tag(sql, count));
                }
            } else {
                sink.complete(tag(sql, Math.max(0, statement.getUpdateCount())));
            }
        } finally {
            source.running(null);
        }
    }

    private static void describe(SourceConnection source, String sql, int parameterCount, ResultSink sink)
            throws QueryException {
        SqlText.Jdbc jdbc = SqlText.jdbc(sql);
        try (PreparedStatement statement = source.connection().prepareStatement(parameterCount == 0 ? sql : jdbc.sql())) {
            ResultSetMetaData meta = statement.getMetaData();
            if (meta != null && meta.getColumnCount() > 0) {
                sink.columns(JdbcResults.columns(meta));
            }
            sink.complete("");
        } catch (SQLException ex) {
            throw new QueryException(ex.getSQLState() == null ? "58000" : ex.getSQLState(), ex.getMessage());
        }
    }

    private static PreparedStatement bound(PreparedStatement statement, List<Integer> markers, List<Object> parameters)
            throws SQLException {
        for (int i = 0; i < markers.size(); i++) {
            int index = markers.get(i) - 1;
            if (index < 0 || index >= parameters.size()) {
                statement.close();
                throw new SQLException("there is no parameter $" + markers.get(i), "08P01");
            }
            statement.setObject(i + 1, parameters.get(index));
        }
        return statement;
    }

    /** The PostgreSQL command tag, which JDBC does not expose: rebuilt from the statement and its count. */
    static String tag(String sql, long count) {
        String[] words = SqlText.code(sql).trim().replaceAll("^\\(+", "").split("\\s+");
        String first = words.length == 0 ? "" : words[0].toUpperCase(Locale.ROOT);
        switch (first) {
            case "INSERT":
                return "INSERT 0 " + count;
            case "SELECT", "WITH", "VALUES", "TABLE", "SHOW", "EXPLAIN":
                return "SELECT " + count;
            case "UPDATE", "DELETE", "MERGE", "COPY", "MOVE", "FETCH":
                return first + " " + count;
            case "CREATE", "DROP", "ALTER":
                for (int i = 1; i < words.length; i++) {
                    String word = words[i].toUpperCase(Locale.ROOT);
                    if (!List.of("OR", "REPLACE", "TEMP", "TEMPORARY", "UNIQUE", "UNLOGGED", "MATERIALIZED").contains(word)
                            || "MATERIALIZED".equals(word) && i + 1 < words.length) {
                        return first + " " + ("MATERIALIZED".equals(word) ? "MATERIALIZED VIEW" : word);
                    }
                }
                return first;
            case "START":
                return "START TRANSACTION";
            default:
                return first;
        }
    }
}

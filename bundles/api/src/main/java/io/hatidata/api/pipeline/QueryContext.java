package io.hatidata.api.pipeline;

import io.hatidata.api.query.ResultSink;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One statement on its way through the pipeline: the session it belongs to, its SQL as the current stage
 * sees it, and the sink its results go to.
 *
 * <p>Immutable: a stage that rewrites the statement or wraps the sink passes a changed copy to the rest of
 * the chain ({@link #withSql}, {@link #withSink}), so the stages before it keep seeing what they saw.
 * The {@link #attributes()} map is shared by all copies of one statement and is how stages hand facts to
 * later stages (an analysis, a policy decision); keys are namespaced by the owning bundle.
 */
public final class QueryContext {
    private final Session session;
    private final String queryId;
    private final String originalSql;
    private final String sql;
    private final ResultSink sink;
    private final Map<String, Object> attributes;

    private QueryContext(
            Session session,
            String queryId,
            String originalSql,
            String sql,
            ResultSink sink,
            Map<String, Object> attributes) {
        this.session = Objects.requireNonNull(session, "session");
        this.queryId = Objects.requireNonNull(queryId, "queryId");
        this.originalSql = Objects.requireNonNull(originalSql, "originalSql");
        this.sql = Objects.requireNonNull(sql, "sql");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.attributes = attributes;
    }

    /**
     * A new statement.
     *
     * @param queryId a unique id ({@code qry_…}) for logs, audit and cancellation
     * @param sql exactly one statement, as the client sent it
     */
    public static QueryContext of(Session session, String queryId, String sql, ResultSink sink) {
        return new QueryContext(session, queryId, sql, sql, sink, new ConcurrentHashMap<>());
    }

    public Session session() {
        return session;
    }

    public String queryId() {
        return queryId;
    }

    /** The statement exactly as the client sent it. */
    public String originalSql() {
        return originalSql;
    }

    /** The statement as the current stage sees it, after the rewrites of earlier stages. */
    public String sql() {
        return sql;
    }

    public ResultSink sink() {
        return sink;
    }

    /** Facts about this statement shared between stages; thread-safe, values never null. */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /** This statement with different SQL. */
    public QueryContext withSql(String newSql) {
        return new QueryContext(session, queryId, originalSql, newSql, sink, attributes);
    }

    /** This statement with its results going to a different (usually wrapping) sink. */
    public QueryContext withSink(ResultSink newSink) {
        return new QueryContext(session, queryId, originalSql, sql, newSink, attributes);
    }
}

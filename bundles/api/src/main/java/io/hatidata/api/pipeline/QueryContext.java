package io.hatidata.api.pipeline;

import io.hatidata.api.identity.Identity;
import io.hatidata.api.query.ResultSink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
 *
 * <p><b>Parameters.</b> A statement of the extended query protocol refers to bound values as {@code $1}
 * … {@code $n}; {@link #parameters()} holds them in order. <b>Describe only.</b> When
 * {@link #describeOnly()} is true the client only asks what the statement would return: stages rewrite
 * and check it as usual, and the execute stage reports the result's columns ({@link ResultSink#columns},
 * nothing when the statement returns no rows) and then {@code complete("")} without running it.
 */
public final class QueryContext {
    private final Session session;
    private final String queryId;
    private final String originalSql;
    private final String sql;
    private final ResultSink sink;
    private final Map<String, Object> attributes;
    private final List<Object> parameters;
    private final boolean describeOnly;
    private final Identity identity;

    private QueryContext(
            Session session,
            String queryId,
            String originalSql,
            String sql,
            ResultSink sink,
            Map<String, Object> attributes,
            List<Object> parameters,
            boolean describeOnly,
            Identity identity) {
        this.session = Objects.requireNonNull(session, "session");
        this.queryId = Objects.requireNonNull(queryId, "queryId");
        this.originalSql = Objects.requireNonNull(originalSql, "originalSql");
        this.sql = Objects.requireNonNull(sql, "sql");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.attributes = attributes;
        this.parameters = parameters;
        this.describeOnly = describeOnly;
        this.identity = Objects.requireNonNull(identity, "identity");
    }

    /**
     * A new statement.
     *
     * @param queryId a unique id ({@code qry_…}) for logs, audit and cancellation
     * @param sql exactly one statement, as the client sent it
     */
    public static QueryContext of(Session session, String queryId, String sql, ResultSink sink) {
        return new QueryContext(session, queryId, sql, sql, sink, new ConcurrentHashMap<>(), List.of(), false,
                session.identity());
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
        return new QueryContext(
                session, queryId, originalSql, newSql, sink, attributes, parameters, describeOnly, identity);
    }

    /** This statement with its results going to a different (usually wrapping) sink. */
    public QueryContext withSink(ResultSink newSink) {
        return new QueryContext(
                session, queryId, originalSql, sql, newSink, attributes, parameters, describeOnly, identity);
    }

    /**
     * The values bound to {@code $1} … {@code $n}, in order; empty for a statement without parameters.
     * Values are {@code null} (SQL NULL), {@link String}, {@link Long}, {@link Integer}, {@link Short},
     * {@link Double}, {@link Float}, {@link java.math.BigDecimal}, {@link Boolean}, {@code byte[]},
     * {@link java.time.LocalDate}, {@link java.time.LocalTime}, {@link java.time.LocalDateTime},
     * {@link java.time.OffsetDateTime} or {@link java.util.UUID}. The list is unmodifiable.
     *
     * @since 1.0.0
     */
    public List<Object> parameters() {
        return parameters;
    }

    /**
     * Whether the client only asks for the statement's result columns: the execute stage reports them and
     * completes with an empty tag without running the statement.
     *
     * @since 1.0.0
     */
    public boolean describeOnly() {
        return describeOnly;
    }

    /**
     * This statement with these values bound to {@code $1} … {@code $n} (see {@link #parameters()}).
     *
     * @param newParameters the values in order; may contain {@code null}; copied
     * @since 1.0.0
     */
    public QueryContext withParameters(List<Object> newParameters) {
        List<Object> copy = Collections.unmodifiableList(new ArrayList<>(newParameters));
        return new QueryContext(session, queryId, originalSql, sql, sink, attributes, copy, describeOnly, identity);
    }

    /**
     * This statement in describe-only mode (see {@link #describeOnly()}).
     *
     * @since 1.0.0
     */
    public QueryContext describing() {
        return new QueryContext(session, queryId, originalSql, sql, sink, attributes, parameters, true, identity);
    }

    /**
     * Who the statement runs as now: the session's identity, with the role in force for this statement (a
     * just-in-time elevation replaces the credential's own role; the key-scopes stage sets it, so every
     * governance stage after it sees the same role). Before that stage, the session's identity.
     *
     * @since 1.1.0
     */
    public Identity identity() {
        return identity;
    }

    /**
     * This statement running as {@code effective} (same organization, environment, user and key; see
     * {@link #identity()}).
     *
     * @since 1.1.0
     */
    public QueryContext withIdentity(Identity effective) {
        Identity own = session.identity();
        if (!own.organizationId().equals(effective.organizationId()) || !own.environmentId().equals(effective.environmentId())
                || !own.userId().equals(effective.userId()) || !own.keyId().equals(effective.keyId())) {
            throw new IllegalArgumentException("an effective identity changes only the role");
        }
        return new QueryContext(session, queryId, originalSql, sql, sink, attributes, parameters, describeOnly,
                effective);
    }
}

package io.hatidata.pipeline;

import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.query.Column;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.api.sql.StatementKind;
import io.hatidata.api.sql.TableReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Sessions, contexts and sinks for stage tests. */
final class TestQueries {
    private TestQueries() {}

    static Session session(String role) {
        return new Session("sess_" + role, new Identity("org_1", "usr_1", "u", role, "env_1", "development", ""), Map.of());
    }

    static QueryContext query(Session session, String sql) {
        return QueryContext.of(session, "qry_1", sql, new RecordingSink());
    }

    static QueryContext query(String sql) {
        return query(session("developer"), sql);
    }

    /** A context carrying the analysis the table-extraction stage would leave for a query reading {@code t}. */
    static QueryContext analysedQuery(String sql) {
        QueryContext context = query(sql);
        context.attributes().put(StatementAnalysis.ATTRIBUTE, new StatementAnalysis(
                sql, StatementKind.QUERY, List.of(TableReference.of("t")), List.of(), List.of(), sql, true));
        return context;
    }

    /** Records what reached the client. */
    static final class RecordingSink implements ResultSink {
        final List<Object[]> rows = new ArrayList<>();
        String tag;

        @Override
        public void columns(List<Column> columns) {}

        @Override
        public void row(Object[] values) {
            rows.add(values);
        }

        @Override
        public void complete(String commandTag) throws QueryException {
            tag = commandTag;
        }
    }
}

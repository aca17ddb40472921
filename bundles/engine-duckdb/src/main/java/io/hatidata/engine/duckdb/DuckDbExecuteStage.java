package io.hatidata.engine.duckdb;

import io.hatidata.api.engine.EngineSession;
import io.hatidata.api.engine.QueryEngine;
import io.hatidata.api.pipeline.QueryChain;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.QueryStage;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.pipeline.StageOrder;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import io.hatidata.api.query.StatementDescription;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The pipeline's last stage: runs the statement, as the earlier stages left it, in the session's
 * environment, and records the transaction state on the session. It does not proceed.
 *
 * <p>A statement in {@linkplain QueryContext#describeOnly() describe-only} mode is not run: the engine
 * prepares it, the sink gets its columns and an empty tag, and the
 * {@link StatementDescription} (with the parameter types) is left in the context's attributes.
 *
 * <p>The engine session is opened on the first statement of a client session and kept as a session
 * resource, so it lives exactly as long as the client's connection and holds its transaction.
 */
@Component(
        configurationPid = EnginePids.EXECUTE_STAGE,
        service = QueryStage.class,
        property = {
            QueryStage.ORDER + ":Integer=" + StageOrder.EXECUTE,
            QueryStage.NAME + "=execute"
        })
public final class DuckDbExecuteStage implements QueryStage {
    /** The session resource key of the engine session. */
    static final String ENGINE_SESSION = "io.hatidata.engine.duckdb.session";

    private final QueryEngine engine;

    @Activate
    public DuckDbExecuteStage(@Reference(name = "engine", target = "(hatidata.engine=duckdb)") QueryEngine engine) {
        this.engine = engine;
    }

    @Override
    public void process(QueryContext context, QueryChain chain) throws QueryException {
        Session session = context.session();
        EngineSession engineSession = engineSession(session);
        if (!engineSession.isOpen()) {
            // the engine restarted (bundle update, configuration change) since this client connected
            session.removeResource(ENGINE_SESSION, engineSession);
            engineSession = engineSession(session);
        }
        if (session.cancelRequested()) {
            // cancelled while an earlier stage ran, perhaps before the engine session existed
            throw new QueryException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        }
        try {
            if (context.describeOnly()) {
                describe(engineSession, context);
            } else {
                engineSession.execute(context.sql(), context.parameters(), context.sink());
            }
        } finally {
            session.transactionStatus(engineSession.transactionStatus());
        }
    }

    /** Describe only: the result's columns (none when it returns no rows), then an empty tag. */
    private static void describe(EngineSession engineSession, QueryContext context) throws QueryException {
        StatementDescription description = engineSession.describe(context.sql(), context.parameters());
        context.attributes().put(StatementDescription.ATTRIBUTE, description);
        if (!description.columns().isEmpty()) {
            context.sink().columns(description.columns());
        }
        context.sink().complete("");
    }

    private EngineSession engineSession(Session session) throws QueryException {
        return session.resource(ENGINE_SESSION, () -> engine.openSession(session.identity().environmentId()));
    }
}

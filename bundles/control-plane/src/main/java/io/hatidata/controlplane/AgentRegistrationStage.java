package io.hatidata.controlplane;

import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.pipeline.QueryChain;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.QueryStage;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.query.Column;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Agent registration (order {@value #ORDER}, before the policy step): a statement that names an agent
 * ({@code agent_id} or {@code hatidata_agent_id}, as a session setting, a startup parameter, or REST's
 * {@code X-Agent-Id}) registers the agent on first sight ({@link DefaultAgentService#register}) and leaves its
 * fingerprint in the statement's attributes ({@value #FINGERPRINT}) for the capability check. The sink is
 * wrapped so that a row limit the capability check sets ({@value #MAX_ROWS}) ends the statement with
 * {@code 54000} when exceeded.
 */
@Component(service = QueryStage.class, property = {QueryStage.ORDER + ":Integer=" + AgentRegistrationStage.ORDER,
        QueryStage.NAME + "=agent-registration"})
public final class AgentRegistrationStage implements QueryStage {
    static final int ORDER = 360;
    static final String FINGERPRINT = "io.hatidata.controlplane.agentFingerprint";
    static final String MAX_ROWS = "io.hatidata.controlplane.agentMaxRows";

    private final DefaultAgentService agents;

    @Activate
    public AgentRegistrationStage(@Reference DefaultAgentService agents) {
        this.agents = agents;
    }

    @Override
    public void process(QueryContext context, QueryChain chain) throws QueryException {
        String agentId = setting(context.session(), "agent_id");
        if (agentId == null) {
            chain.proceed(context);
            return;
        }
        try {
            String fingerprint = agents.register(context.session().identity(), agentId, setting(context.session(), "framework"));
            context.attributes().put(FINGERPRINT, fingerprint);
        } catch (ControlPlaneException ex) {
            throw new QueryException("57P03", "the agent registry cannot be reached");
        }
        chain.proceed(context.withSink(new RowLimitSink(context.sink(), context.attributes())));
    }

    /** A session's setting under its bare or {@code hatidata_} name, else the startup parameter, else null. */
    static String setting(Session session, String name) {
        Map<String, String> settings = session.settings();
        for (String each : List.of(name, "hatidata_" + name)) {
            String value = settings.get(each);
            if (value == null) {
                value = session.parameters().get(each);
            }
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    /** Refuses rows past the limit a capability set for this statement (read when the rows come). */
    private static final class RowLimitSink implements ResultSink {
        private final ResultSink next;
        private final Map<String, Object> attributes;
        private long rows;

        RowLimitSink(ResultSink next, Map<String, Object> attributes) {
            this.next = next;
            this.attributes = attributes;
        }

        @Override
        public void columns(List<Column> columns) throws QueryException {
            next.columns(columns);
        }

        @Override
        public void row(Object[] values) throws QueryException {
            rows++;
            if (attributes.get(MAX_ROWS) instanceof Integer limit && rows > limit) {
                throw new QueryException("54000", "the agent's capability allows at most " + limit + " rows per statement");
            }
            next.row(values);
        }

        @Override
        public void complete(String commandTag) throws QueryException {
            next.complete(commandTag);
        }
    }
}

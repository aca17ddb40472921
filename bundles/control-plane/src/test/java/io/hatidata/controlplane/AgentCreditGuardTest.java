package io.hatidata.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.billing.AgentCredits;
import io.hatidata.api.governance.CostEstimate;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The daily credit limit of a capability against billing's credits of the day plus the estimate. */
class AgentCreditGuardTest {
    private static final CostEstimate ONE = new CostEstimate(1, -1, false);

    private static QueryContext statement(String agent, Integer limit) {
        Session session = new Session("ses_1", new Identity("org_a", "usr_1", "ana", "developer", "env_a", "dev", "key_1"),
                agent == null ? Map.of() : Map.of("hatidata_agent_id", agent));
        QueryContext context = QueryContext.of(session, "qry_1", "SELECT 1", ResultSink.discarding());
        if (limit != null) {
            context.attributes().put(AgentCreditGuard.CREDITS_PER_DAY, limit);
        }
        return context;
    }

    @Test
    void theStatementThatWouldPassTheDailyLimitIsRefusedWith53400() throws Exception {
        Map<String, Double> used = new java.util.HashMap<>(Map.of("org_a/bot", 2.0));
        AgentCredits credits = (organization, agent) -> used.getOrDefault(organization + "/" + agent, 0.0);
        AgentCreditGuard guard = new AgentCreditGuard(() -> credits);
        guard.check(statement("bot", 3), ONE); // 2 + 1 <= 3
        used.put("org_a/bot", 2.5);
        QueryException refused = assertThrows(QueryException.class, () -> guard.check(statement("bot", 3), ONE));
        assertEquals("53400", refused.sqlState());
        assertTrue(refused.getMessage().contains("credits_per_day") && refused.getMessage().contains("bot"),
                refused.getMessage());
        guard.check(statement("other", 3), ONE);
    }

    @Test
    void withoutALimitNothingIsAskedAndWithoutBillingALimitedAgentIsRefused() throws Exception {
        AgentCreditGuard noBilling = new AgentCreditGuard(() -> null);
        noBilling.check(statement("bot", null), ONE);
        noBilling.check(statement(null, 3), ONE);
        assertEquals("57P03", assertThrows(QueryException.class, () -> noBilling.check(statement("bot", 3), ONE)).sqlState());
    }
}

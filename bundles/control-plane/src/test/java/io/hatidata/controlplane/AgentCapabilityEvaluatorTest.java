package io.hatidata.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.DomainEvent;
import io.hatidata.api.controlplane.PageRequest;
import io.hatidata.api.governance.PolicyDecision;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.provisioning.AgentCapability;
import io.hatidata.api.provisioning.NewAgentCapability;
import io.hatidata.api.query.ResultSink;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.api.sql.StatementKind;
import io.hatidata.api.sql.TableReference;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentCapabilityEvaluatorTest {
    private static final Instant NOON = Instant.parse("2030-01-01T12:00:00Z");

    @TempDir
    Path dir;

    private TestStore store;
    private DefaultAgentService agents;
    private AgentCapabilityEvaluator evaluator;
    private Caller owner;
    private String env;
    private String fingerprint;

    @BeforeEach
    void start() throws Exception {
        store = new TestStore(dir);
        Clock noon = Clock.fixed(NOON, ZoneOffset.UTC);
        agents = new DefaultAgentService(store.dataSource, store.publisher, noon);
        evaluator = new AgentCapabilityEvaluator(agents, noon);
        owner = store.owner();
        env = owner.identity().environmentId();
        fingerprint = agents.register(owner.identity(), "report-bot", "crewai");
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void registrationIsOnceWithAnImmutableFingerprint() {
        assertTrue(fingerprint.matches("hd_agt_[a-z0-9]{8}"), fingerprint);
        assertEquals(fingerprint, agents.register(owner.identity(), "report-bot", "crewai"));
        assertEquals(1, store.events.stream().map(DomainEvent::type).filter("agent.registered"::equals).count());
        assertEquals("provisional", agents.agent(owner, env, "report-bot").trustLevel());
        assertEquals("trusted", agents.changeTrustLevel(owner, env, fingerprint, "trusted").trustLevel());
        assertThrows(ControlPlaneException.class, () -> agents.changeTrustLevel(owner, env, fingerprint, "root"));
        assertEquals(1, agents.agents(owner, env, PageRequest.first()).total());
    }

    @Test
    void sessionsOfANewAgentStartingTogetherAllGetItsOneFingerprint() throws Exception {
        int sessions = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(sessions);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try {
            java.util.List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                // a fresh service per session: no shared in-memory registration, only the table
                DefaultAgentService each = new DefaultAgentService(store.dataSource, store.publisher,
                        Clock.fixed(NOON, ZoneOffset.UTC));
                results.add(pool.submit(() -> {
                    start.await();
                    return each.register(owner.identity(), "swarm-bot", "autogen");
                }));
            }
            start.countDown();
            java.util.Set<String> fingerprints = new java.util.HashSet<>();
            for (java.util.concurrent.Future<String> each : results) {
                fingerprints.add(each.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertEquals(1, fingerprints.size(), fingerprints.toString());
            assertEquals(1, store.events.stream().map(DomainEvent::type).filter("agent.registered"::equals)
                    .count() - 1, "one registration event for swarm-bot besides report-bot's");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void capabilitiesNarrowAnAgentAndRevocationRestoresIt() throws Exception {
        assertTrue(evaluate("SELECT * FROM secrets", reads("secrets")).allowed(), "no capability: unrestricted");
        AgentCapability read = agents.grant(owner, env, new NewAgentCapability("report-bot", "query:read",
                List.of("orders"), null, 2, 100, null, null, null));
        QueryContext orders = context("SELECT * FROM orders", reads("orders"));
        assertTrue(evaluator.evaluate(orders).allowed());
        assertEquals(2, orders.attributes().get(AgentRegistrationStage.MAX_ROWS));
        assertEquals(100, orders.attributes().get(AgentCreditGuard.CREDITS_PER_DAY), "left for the quota step");
        PolicyDecision secrets = evaluate("SELECT * FROM secrets", reads("secrets"));
        assertFalse(secrets.allowed());
        assertTrue(secrets.reason().contains("secrets"), secrets.reason());
        assertFalse(evaluate("INSERT INTO orders VALUES (1)", writes("orders")).allowed());
        assertFalse(evaluate("SELECT 1", null).allowed(), "tables unknown while the grant names tables");

        AgentCapability window = agents.change(owner, env, read.id(), new NewAgentCapability(null, "query:write",
                null, List.of("main"), null, null, "13:00", "14:00", null));
        assertEquals("13:00", window.windowStart());
        assertTrue(evaluate("SELECT * FROM orders", reads("orders")).reason().contains("time window"));
        agents.change(owner, env, read.id(), new NewAgentCapability(null, "query:write", null, List.of("main"), null,
                null, "11:00", "01:00", null));
        QueryContext insert = context("INSERT INTO orders VALUES (1)", writes("orders"));
        assertTrue(evaluator.evaluate(insert).allowed());
        assertNull(insert.attributes().get(AgentRegistrationStage.MAX_ROWS));
        assertNull(insert.attributes().get(AgentCreditGuard.CREDITS_PER_DAY), "no daily limit: none");

        agents.revoke(owner, env, read.id());
        assertTrue(evaluate("SELECT * FROM secrets", reads("secrets")).allowed());
        assertThrows(ControlPlaneException.class, () -> agents.grant(owner, env, new NewAgentCapability("report-bot",
                "query:fly", null, null, null, null, null, null, null)));
        assertThrows(ControlPlaneException.class, () -> agents.grant(owner, env, new NewAgentCapability("nobody",
                "query:read", null, null, null, null, null, null, null)));
    }

    @Test
    void expiredCapabilitiesNoLongerCount() throws Exception {
        agents.grant(owner, env, new NewAgentCapability(fingerprint, "query:read", List.of("orders"), null, null, null,
                null, null, NOON.minusSeconds(1)));
        assertTrue(evaluate("SELECT * FROM secrets", reads("secrets")).allowed());
    }

    private PolicyDecision evaluate(String sql, StatementAnalysis analysis) throws Exception {
        return evaluator.evaluate(context(sql, analysis));
    }

    private QueryContext context(String sql, StatementAnalysis analysis) {
        QueryContext context = QueryContext.of(new Session("s", owner.identity(), Map.of()), "q", sql, ResultSink.discarding());
        context.attributes().put(AgentRegistrationStage.FINGERPRINT, fingerprint);
        if (analysis != null) {
            context.attributes().put(StatementAnalysis.ATTRIBUTE, analysis);
        }
        return context;
    }

    private static StatementAnalysis reads(String table) {
        return new StatementAnalysis("", StatementKind.QUERY, List.of(TableReference.of(table)), List.of(), List.of(), "", true);
    }

    private static StatementAnalysis writes(String table) {
        return new StatementAnalysis("", StatementKind.INSERT, List.of(), List.of(TableReference.of(table)), List.of(), "", true);
    }
}

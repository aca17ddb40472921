package io.hatidata.policy.abac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.governance.PolicyDecision;
import io.hatidata.api.governance.PolicyVerdicts;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.policy.Policy;
import io.hatidata.api.policy.PolicyService;
import io.hatidata.api.policy.ShadowDecision;
import io.hatidata.api.query.ResultSink;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.api.sql.StatementKind;
import io.hatidata.api.sql.TableReference;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ABAC decisions by the effective role; shadow policies recorded as would-be denials, never refusing. */
class AbacEvaluatorTest {
    private static final Map<String, Object> NO_ANALYSTS = Map.of("effect", "deny", "description", "no analysts",
            "actions", List.of("query"), "resources", List.of("table:orders"),
            "conditions", Map.of("principal.role", Map.of("in", List.of("analyst"))));
    private static final Policy SHADOW = new Policy("pol_s", "env", "org", "trial", Policy.ABAC, true, NO_ANALYSTS,
            Instant.EPOCH, Instant.EPOCH, Policy.SHADOW);
    private static final Policy ENFORCED = new Policy("pol_e", "env", "org", "real", Policy.ABAC, true, NO_ANALYSTS,
            Instant.EPOCH, Instant.EPOCH);

    private final List<ShadowDecision> recorded = new ArrayList<>();

    private AbacEvaluator evaluator(List<Policy> enforced, List<Policy> shadow) {
        PolicyService policies = (PolicyService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PolicyService.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "enabledPolicies" -> enforced;
                    case "shadowPolicies" -> shadow;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new AbacEvaluator(policies, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), recorded::add);
    }

    private static QueryContext context(String role, String table) {
        Session session = new Session("ses_1", new Identity("org", "usr_1", "ana", role, "env", "dev", "key_1"), Map.of());
        String sql = "SELECT * FROM " + table;
        QueryContext context = QueryContext.of(session, "qry_1", sql, ResultSink.discarding());
        context.attributes().put(StatementAnalysis.ATTRIBUTE, new StatementAnalysis(sql, StatementKind.QUERY,
                List.of(new TableReference(List.of(table))), List.of(), List.of(), sql, true));
        return context;
    }

    @Test
    void aStatementTheParserCouldNotReadIsDeniedWhenAnyOfItsWordsIsADeniedTable() throws Exception {
        AbacEvaluator evaluator = evaluator(List.of(ENFORCED), List.of());
        assertFalse(evaluator.evaluate(unanalyzed("analyst", "FROM \"Orders\" SELECT count(*)")).allowed());
        assertFalse(evaluator.evaluate(unanalyzed("analyst", "PIVOT orders ON region USING sum(amount)")).allowed());
        assertTrue(evaluator.evaluate(unanalyzed("analyst", "FROM products SELECT count(*)")).allowed());
        assertTrue(evaluator.evaluate(unanalyzed("developer", "FROM orders SELECT count(*)")).allowed());
        QueryContext denied = unanalyzed("analyst", "FROM orders SELECT 1");
        evaluator.evaluate(denied);
        assertEquals(List.of(), PolicyVerdicts.of(denied).get(0).targets(), "words are not recorded as tables");
    }

    @Test
    void anUnreadStatementMatchesADenyOfAnyActionAndCommentsDoNotHideADrop() throws Exception {
        Policy noDeletes = new Policy("pol_d", "env", "org", "keep", Policy.ABAC, true, Map.of("effect", "deny",
                "actions", List.of("delete"), "resources", List.of("table:orders"),
                "conditions", Map.of("principal.role", Map.of("in", List.of("analyst")))),
                Instant.EPOCH, Instant.EPOCH);
        AbacEvaluator evaluator = evaluator(List.of(noDeletes), List.of());
        assertFalse(evaluator.evaluate(unanalyzed("analyst", "EXPLAIN ANALYZE DELETE FROM orders")).allowed());
        assertTrue(evaluator.evaluate(unanalyzed("analyst", "FROM orders SELECT count(*)")).allowed(),
                "an unread statement without a writing word is judged as the read it is");
        assertTrue(evaluator.evaluate(context("analyst", "orders")).allowed(), "a read of orders is no delete");
        assertEquals("delete", AbacEvaluator.action(new StatementAnalysis("x", StatementKind.DDL, List.of(), List.of(),
                List.of(), "x", true), "/* a /* nested */ note */ --\rDROP TABLE orders"));
    }

    @Test
    void wordsAreTheLowerCasedNamesOfTheText() {
        assertEquals(java.util.Set.of("from", "main", "orders", "main.orders", "select", "x$1"),
                AbacEvaluator.words("FROM main.\"Orders\" SELECT x$1, 42"));
    }

    private static QueryContext unanalyzed(String role, String sql) {
        Session session = new Session("ses_1", new Identity("org", "usr_1", "ana", role, "env", "dev", "key_1"), Map.of());
        QueryContext context = QueryContext.of(session, "qry_1", sql, ResultSink.discarding());
        context.attributes().put(StatementAnalysis.ATTRIBUTE, new StatementAnalysis(sql, StatementKind.QUERY,
                List.of(), List.of(), List.of(), sql, false));
        return context;
    }

    @Test
    void aShadowDenyIsRecordedAndTheStatementIsAllowed() throws Exception {
        AbacEvaluator evaluator = evaluator(List.of(), List.of(SHADOW));
        QueryContext orders = context("analyst", "orders");
        assertTrue(evaluator.evaluate(orders).allowed());
        assertEquals(List.of(), PolicyVerdicts.of(orders));
        evaluator.evaluate(context("analyst", "products"));
        evaluator.evaluate(context("developer", "orders"));
        assertEquals(List.of(ShadowDecision.DENY, ShadowDecision.NONE, ShadowDecision.NONE),
                recorded.stream().map(ShadowDecision::decision).toList());
        assertEquals("no analysts", recorded.get(0).detail());
        assertEquals(List.of("orders"), recorded.get(0).targets());
    }

    @Test
    void enforcementIsTheSameWithAndWithoutAShadowPolicyAndFollowsTheEffectiveRole() throws Exception {
        PolicyDecision without = evaluator(List.of(ENFORCED), List.of()).evaluate(context("analyst", "orders"));
        PolicyDecision with = evaluator(List.of(ENFORCED), List.of(SHADOW)).evaluate(context("analyst", "orders"));
        assertFalse(without.allowed());
        assertEquals(without, with);
        QueryContext analyst = context("analyst", "orders");
        Identity own = analyst.identity();
        QueryContext elevated = analyst.withIdentity(new Identity(own.organizationId(), own.userId(), own.userName(),
                "admin", own.environmentId(), own.environmentName(), own.keyId()));
        assertTrue(evaluator(List.of(ENFORCED), List.of()).evaluate(elevated).allowed());
    }
}

package io.hatidata.policy.rls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.policy.Policy;
import io.hatidata.api.policy.PolicyService;
import io.hatidata.api.policy.ShadowDecision;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import io.hatidata.api.sql.TableRewriter;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Row filters with a stand-in rewriter: the effective role, and shadow policies recorded but not applied. */
class RowSecurityProviderTest {
    private static final Map<String, Object> RULES = Map.of("rules", List.of(Map.of("table", "orders",
            "filter", "region = '{region}'", "exempt_roles", List.of("admin"))));
    private static final Policy SHADOW = new Policy("pol_s", "env", "org", "eu only", Policy.ROW_LEVEL_SECURITY, true,
            RULES, Instant.EPOCH, Instant.EPOCH, Policy.SHADOW);
    private static final Policy ENFORCED = new Policy("pol_e", "env", "org", "eu", Policy.ROW_LEVEL_SECURITY, true,
            RULES, Instant.EPOCH, Instant.EPOCH);
    /** Shows the predicate and its values; refuses a statement that says PIVOT. */
    private static final TableRewriter REWRITER = (sql, tables) -> {
        if (tables.isEmpty() || !sql.contains("orders")) {
            return sql;
        }
        if (sql.contains("PIVOT")) {
            throw new QueryException("42501", "cannot filter safely");
        }
        return "FILTERED(" + sql + " BY " + tables.get(0).rowFilter() + " " + tables.get(0).rowFilterValues() + ")";
    };

    private final List<ShadowDecision> recorded = new ArrayList<>();

    private RowSecurityProvider provider(List<Policy> enforced, List<Policy> shadow) {
        PolicyService policies = (PolicyService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PolicyService.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "enabledPolicies" -> enforced;
                    case "shadowPolicies" -> shadow;
                    case "attributesOf" -> Map.of("region", "eu");
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new RowSecurityProvider(policies, REWRITER, recorded::add);
    }

    private static QueryContext context(String role, String sql) {
        Session session = new Session("ses_1", new Identity("org", "usr_1", "ana", role, "env", "dev", ""), Map.of());
        return QueryContext.of(session, "qry_1", sql, ResultSink.discarding());
    }

    @Test
    void aShadowFilterIsRecordedWithItsPredicateAndNotApplied() throws Exception {
        QueryContext context = context("analyst", "SELECT * FROM orders");
        assertEquals(context.sql(), provider(List.of(), List.of(SHADOW)).apply(context));
        ShadowDecision decision = recorded.get(0);
        assertEquals(ShadowDecision.FILTER, decision.decision());
        assertEquals(List.of("orders"), decision.targets());
        assertEquals("orders: region = '{region}'", decision.detail(), "the template, not the principal's values");
        assertEquals("usr_1", decision.principal(), "no key: the user");
    }

    @Test
    void exemptRolesUnrelatedStatementsAndUnsafeRewritesAreRecordedToo() throws Exception {
        RowSecurityProvider provider = provider(List.of(), List.of(SHADOW));
        provider.apply(context("admin", "SELECT * FROM orders"));
        provider.apply(context("analyst", "SELECT 1"));
        provider.apply(context("analyst", "SELECT * FROM orders PIVOT (x)"));
        assertEquals(List.of(ShadowDecision.NONE, ShadowDecision.NONE, ShadowDecision.DENY),
                recorded.stream().map(ShadowDecision::decision).toList());
    }

    @Test
    void enforcementIsTheSameWithAndWithoutAShadowPolicyAndFollowsTheEffectiveRole() throws Exception {
        String sql = "SELECT * FROM orders";
        String without = provider(List.of(ENFORCED), List.of()).apply(context("analyst", sql));
        assertEquals("FILTERED(SELECT * FROM orders BY (region = ?) [eu])", without);
        assertEquals(without, provider(List.of(ENFORCED), List.of(SHADOW)).apply(context("analyst", sql)));
        QueryContext analyst = context("analyst", sql);
        Identity own = analyst.identity();
        QueryContext elevated = analyst.withIdentity(new Identity(own.organizationId(), own.userId(), own.userName(),
                "admin", own.environmentId(), own.environmentName(), own.keyId()));
        assertEquals(sql, provider(List.of(ENFORCED), List.of()).apply(elevated));
    }
}

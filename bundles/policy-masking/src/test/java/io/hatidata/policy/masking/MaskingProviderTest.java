package io.hatidata.policy.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hatidata.api.engine.EngineSession;
import io.hatidata.api.engine.QueryEngine;
import io.hatidata.api.governance.PolicyVerdicts;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.policy.Policy;
import io.hatidata.api.policy.PolicyService;
import io.hatidata.api.policy.ShadowDecision;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import io.hatidata.api.query.TransactionStatus;
import io.hatidata.api.sql.TableRewriter;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Masking with a stand-in rewriter: enforcement by the effective role, shadow policies recorded and ignored. */
class MaskingProviderTest {
    private static final Map<String, Object> RULES = Map.of("rules", List.of(Map.of("table", "customers",
            "column", "email", "function", "full", "exempt_roles", List.of("admin"))));
    private static final Policy SHADOW = new Policy("pol_s", "env", "org", "trial", Policy.COLUMN_MASKING, true, RULES,
            Instant.EPOCH, Instant.EPOCH, Policy.SHADOW);
    private static final Policy ENFORCED = new Policy("pol_e", "env", "org", "pii", Policy.COLUMN_MASKING, true, RULES,
            Instant.EPOCH, Instant.EPOCH);
    /** Marks a rewrite; refuses a statement that says PIVOT, like the real rewriter refuses what it cannot walk. */
    private static final TableRewriter REWRITER = (sql, tables) -> {
        if (tables.isEmpty()) {
            return sql;
        }
        if (sql.contains("PIVOT")) {
            throw new QueryException("42501", "cannot mask safely");
        }
        return sql.contains("customers") ? "MASKED(" + sql + ")" : sql;
    };
    /** Every table has the columns id and email. */
    private static final QueryEngine ENGINE = environmentId -> new EngineSession() {
        @Override
        public void execute(String sql, ResultSink sink) throws QueryException {
            sink.row(new Object[] {"id"});
            sink.row(new Object[] {"email"});
            sink.complete("SELECT 2");
        }

        @Override
        public TransactionStatus transactionStatus() {
            return TransactionStatus.IDLE;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void cancel() {}

        @Override
        public void statementStarted() {}

        @Override
        public void close() {}
    };
    private static final MaskingConfig CONFIG = new MaskingConfig() {
        @Override
        public Class<? extends Annotation> annotationType() {
            return MaskingConfig.class;
        }

        @Override
        public long columnCacheMillis() {
            return 5000;
        }
    };

    private final List<ShadowDecision> recorded = new ArrayList<>();

    private MaskingProvider provider(List<Policy> enforced, List<Policy> shadow) {
        PolicyService policies = (PolicyService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PolicyService.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "enabledPolicies" -> enforced;
                    case "shadowPolicies" -> shadow;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new MaskingProvider(CONFIG, policies, REWRITER, ENGINE, recorded::add);
    }

    private static QueryContext context(String role, String sql) {
        Session session = new Session("ses_1", new Identity("org", "usr_1", "ana", role, "env", "dev", "key_1"), Map.of());
        return QueryContext.of(session, "qry_1", sql, ResultSink.discarding());
    }

    @Test
    void aShadowPolicyIsRecordedAsAWouldBeMaskAndLeavesTheStatementAsItIs() throws Exception {
        QueryContext context = context("analyst", "SELECT email FROM customers WHERE id = 7");
        assertEquals(context.sql(), provider(List.of(), List.of(SHADOW)).apply(context));
        assertEquals(List.of(), PolicyVerdicts.of(context), "a shadow policy leaves no audit verdict");
        ShadowDecision decision = recorded.get(0);
        assertEquals(ShadowDecision.MASK, decision.decision());
        assertEquals(List.of("customers.email"), decision.targets());
        assertEquals("SELECT email FROM customers WHERE id = '[REDACTED]'", decision.fingerprint());
        assertEquals("key_1", decision.principal());
        assertEquals("pol_s", decision.policyId());
    }

    @Test
    void theShadowRecordsNoneForExemptRolesAndUnrelatedStatementsAndDenyWhenMaskingWouldRefuse() throws Exception {
        MaskingProvider provider = provider(List.of(), List.of(SHADOW));
        provider.apply(context("admin", "SELECT email FROM customers"));
        provider.apply(context("analyst", "SELECT 1"));
        provider.apply(context("analyst", "SELECT * FROM customers PIVOT (x)"));
        assertEquals(List.of(ShadowDecision.NONE, ShadowDecision.NONE, ShadowDecision.DENY),
                recorded.stream().map(ShadowDecision::decision).toList());
        assertEquals("cannot mask safely", recorded.get(2).detail());
        provider.apply(context("analyst", "SELECT 1").describing());
        assertEquals(3, recorded.size(), "describe-only requests are not recorded");
    }

    @Test
    void enforcementIsTheSameWithAndWithoutAShadowPolicy() throws Exception {
        String sql = "SELECT email FROM customers";
        String without = provider(List.of(ENFORCED), List.of()).apply(context("analyst", sql));
        String with = provider(List.of(ENFORCED), List.of(SHADOW)).apply(context("analyst", sql));
        assertEquals("MASKED(" + sql + ")", without);
        assertEquals(without, with);
        assertThrows(QueryException.class, () -> provider(List.of(ENFORCED), List.of(SHADOW))
                .apply(context("analyst", "SELECT * FROM customers PIVOT (x)")));
    }

    @Test
    void theEffectiveRoleDecidesNotTheSessionsOwn() throws Exception {
        QueryContext analyst = context("analyst", "SELECT email FROM customers");
        Identity own = analyst.identity();
        QueryContext elevated = analyst.withIdentity(new Identity(own.organizationId(), own.userId(), own.userName(),
                "admin", own.environmentId(), own.environmentName(), own.keyId()));
        assertEquals(elevated.sql(), provider(List.of(ENFORCED), List.of()).apply(elevated), "admin is exempt");
        assertEquals("MASKED(" + analyst.sql() + ")", provider(List.of(ENFORCED), List.of()).apply(analyst));
    }
}

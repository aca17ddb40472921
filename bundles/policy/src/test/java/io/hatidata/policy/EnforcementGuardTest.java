package io.hatidata.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.Page;
import io.hatidata.api.controlplane.PageRequest;
import io.hatidata.api.engine.EngineSession;
import io.hatidata.api.engine.QueryEngine;
import io.hatidata.api.governance.ColumnMaskProvider;
import io.hatidata.api.governance.PolicyDecision;
import io.hatidata.api.governance.RowFilterProvider;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.policy.Policy;
import io.hatidata.api.policy.PolicyChanges;
import io.hatidata.api.policy.PolicyEvaluation;
import io.hatidata.api.policy.PolicyService;
import io.hatidata.api.policy.Principal;
import io.hatidata.api.policy.ShadowDecision;
import io.hatidata.api.policy.ShadowReport;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import io.hatidata.api.query.TransactionStatus;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.api.sql.StatementKind;
import io.hatidata.api.sql.TableReference;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnforcementGuardTest {
    private static final Policy MASKING = new Policy("pol_1", "env", "org", "pii", Policy.COLUMN_MASKING, true,
            Map.of("rules", List.of(Map.of("table", "customers", "column", "email", "function", "full",
                    "exempt_roles", List.of("owner")))), Instant.EPOCH, Instant.EPOCH);
    private static final ColumnMaskProvider MASKER = QueryContext::sql;

    private static PolicyService store(List<Policy> enabled) {
        return new PolicyService() {
            @Override
            public List<Policy> enabledPolicies(String environmentId) {
                return enabled;
            }

            @Override
            public List<Policy> shadowPolicies(String environmentId) {
                return List.of();
            }

            @Override
            public ShadowReport shadowReport(Caller caller, String environmentId, String policyId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Page<ShadowDecision> shadowDecisions(Caller caller, String environmentId, String policyId,
                    String decision, PageRequest page) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<String, String> attributesOf(Identity identity) {
                return Map.of();
            }

            @Override
            public Policy create(Caller caller, String environmentId, PolicyChanges policy) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<Policy> list(Caller caller, String environmentId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Policy get(Caller caller, String environmentId, String policyId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Policy update(Caller caller, String environmentId, String policyId, PolicyChanges changes) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void delete(Caller caller, String environmentId, String policyId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<String, String> attributes(Caller caller, String environmentId, String principalId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<String, String> replaceAttributes(Caller caller, String environmentId, String principalId,
                    Map<String, String> attributes) {
                throw new UnsupportedOperationException();
            }

            @Override
            public PolicyEvaluation evaluate(Caller caller, String environmentId, String sql, Principal principal) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** An engine whose only view is {@code legacy}, over customers. */
    private static final QueryEngine ENGINE = environmentId -> new EngineSession() {
        @Override
        public void execute(String sql, ResultSink sink) throws QueryException {
            sink.row(new Object[] {"legacy", "CREATE VIEW legacy AS SELECT * FROM customers;", false});
            sink.row(new Object[] {"lookup", "FROM query_table(n)", true});
            sink.row(new Object[] {"twice", "x * 2", true});
            sink.complete("SELECT 1");
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

    private static QueryContext statement(String role, String sql, StatementKind kind, String... tables) {
        Session session = new Session("s", new Identity("org", "usr", "ana", role, "env", "dev", ""), Map.of());
        QueryContext context = QueryContext.of(session, "q", sql, ResultSink.discarding());
        context.attributes().put(StatementAnalysis.ATTRIBUTE, new StatementAnalysis(sql, kind,
                java.util.Arrays.stream(tables).map(TableReference::of).toList(), List.of(), List.of(), sql, true));
        return context;
    }

    @Test
    void statementsAreRefusedWhileTheMaskingProviderIsAway() throws QueryException {
        EnforcementGuard away = new EnforcementGuard(store(List.of(MASKING)), List.of(), List.of(), ENGINE);
        PolicyDecision decision = away.evaluate(statement("owner", "SELECT 1", StatementKind.QUERY));
        assertFalse(decision.allowed());
        assertEquals("pii", decision.policy());
        EnforcementGuard present = new EnforcementGuard(store(List.of(MASKING)), List.of(MASKER), List.of(), ENGINE);
        assertTrue(present.evaluate(statement("analyst", "SELECT 1", StatementKind.QUERY)).allowed());
        assertTrue(new EnforcementGuard(store(List.of()), List.of(), List.of(), ENGINE)
                .evaluate(statement("analyst", "SELECT 1", StatementKind.QUERY)).allowed());
    }

    @Test
    void viewsOverGovernedTablesAreRefused() throws QueryException {
        EnforcementGuard guard = new EnforcementGuard(store(List.of(MASKING)), List.of(MASKER), List.of(), ENGINE);
        assertFalse(guard.evaluate(statement("owner", "CREATE VIEW v AS SELECT * FROM customers", StatementKind.DDL,
                "customers")).allowed(), "even for an exempt role");
        assertTrue(guard.evaluate(statement("owner", "CREATE VIEW v AS SELECT * FROM orders", StatementKind.DDL,
                "orders")).allowed());
        assertFalse(guard.evaluate(statement("analyst", "SELECT * FROM legacy", StatementKind.QUERY, "legacy")).allowed());
        assertTrue(guard.evaluate(statement("owner", "SELECT * FROM legacy", StatementKind.QUERY, "legacy")).allowed(),
                "the exempt role reads the view");
    }

    /** A macro made before the policy (or by a path the creation check missed) is found at use. */
    @Test
    void usingAMacroThatRunsDynamicSqlIsRefusedForGovernedPrincipals() throws QueryException {
        EnforcementGuard guard = new EnforcementGuard(store(List.of(MASKING)), List.of(MASKER), List.of(), ENGINE);
        assertFalse(guard.evaluate(statement("analyst", "SELECT * FROM lookup('customers')", StatementKind.QUERY)).allowed());
        assertTrue(guard.evaluate(statement("analyst", "SELECT twice(2)", StatementKind.QUERY)).allowed());
        assertTrue(guard.evaluate(statement("owner", "SELECT * FROM lookup('orders')", StatementKind.QUERY)).allowed(),
                "the exempt role");
    }

    /** A macro is expanded where it is used, for whoever uses it, like a view (a helper's security review). */
    @Test
    void macrosOverGovernedTablesAndCommentHiddenViewsAreRefused() throws QueryException {
        EnforcementGuard guard = new EnforcementGuard(store(List.of(MASKING)), List.of(MASKER), List.of(), ENGINE);
        assertFalse(guard.evaluate(statement("owner", "CREATE MACRO leak() AS TABLE SELECT * FROM customers",
                StatementKind.DDL, "customers")).allowed());
        assertFalse(guard.evaluate(statement("owner", "create or replace temp function e(i) AS (SELECT max(email) FROM customers)",
                StatementKind.DDL, "customers")).allowed());
        assertFalse(guard.evaluate(statement("owner", "/* a /* nested */ note */ CREATE/**/VIEW v AS SELECT * FROM customers",
                StatementKind.DDL, "customers")).allowed());
        assertTrue(guard.evaluate(statement("owner", "CREATE MACRO twice(x) AS x * 2", StatementKind.DDL)).allowed());
        assertFalse(guard.evaluate(statement("owner", "CREATE MACRO t(n) AS TABLE FROM query_table(n)",
                StatementKind.DDL)).allowed(), "a macro running dynamic SQL reads any table by name");
        assertFalse(guard.evaluate(statement("owner", "CREATE RECURSIVE VIEW v(x) AS SELECT * FROM customers",
                StatementKind.DDL, "customers")).allowed());
        assertEquals("macro", EnforcementGuard.createsExpandedObject("--\rCREATE OR REPLACE MACRO m() AS TABLE SELECT 1"));
        assertEquals(null, EnforcementGuard.createsExpandedObject("CREATE TABLE t AS SELECT 1"));
    }
}

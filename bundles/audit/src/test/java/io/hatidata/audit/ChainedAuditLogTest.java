package io.hatidata.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.audit.AuditAttributes;
import io.hatidata.api.audit.ExportFormat;
import io.hatidata.api.audit.IamAuditFilter;
import io.hatidata.api.audit.PolicyVerdict;
import io.hatidata.api.audit.QueryAuditEntry;
import io.hatidata.api.audit.QueryAuditFilter;
import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.DomainEvent;
import io.hatidata.api.controlplane.Environment;
import io.hatidata.api.controlplane.EnvironmentChanges;
import io.hatidata.api.controlplane.EnvironmentService;
import io.hatidata.api.controlplane.LoggedDomainEvent;
import io.hatidata.api.controlplane.Page;
import io.hatidata.api.controlplane.PageRequest;
import io.hatidata.api.controlplane.Scopes;
import io.hatidata.api.controlplane.Tier;
import io.hatidata.api.governance.CostEstimate;
import io.hatidata.api.governance.QueryOutcome;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.query.ResultSink;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.api.sql.StatementKind;
import io.hatidata.api.sql.TableReference;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainedAuditLogTest {
    private static final Identity ANALYST = new Identity("org_1", "usr_a", "ann", "analyst", "env_1", "dev", "key_a");
    private static final QueryAuditFilter ALL =
            new QueryAuditFilter(Instant.EPOCH, Instant.now().plusSeconds(60), null, null, null, null, null);

    @TempDir
    Path dir;

    private TestDerby derby;
    private ChainedAuditLog audit;

    @BeforeEach
    void start() throws Exception {
        derby = new TestDerby(dir);
        audit = new ChainedAuditLog(derby.dataSource, new OneOrganization(), Chains.signer(),
                new GroupCommitWriter.Settings(100, 512, 5_000, 1_000, 3_600_000L,
                        GroupCommitWriter.Durability.JOURNAL, dir.resolve("journal"), 10), false, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        audit.close();
        derby.close();
    }

    private static Caller caller(String role, Set<String> scopes) {
        return new Caller(new Identity("org_1", "usr_x", "x", role, "env_1", "dev", "key_x"), Caller.Method.API_KEY,
                scopes, Tier.FREE, "");
    }

    private QueryContext statement(String sql, String agent) {
        Session session = new Session("sess_1", ANALYST, Map.of());
        if (agent != null) {
            session.setting("hatidata_agent_id", agent);
            session.setting("framework", "langchain");
        }
        return QueryContext.of(session, "qry_" + Math.abs(sql.hashCode()), sql, ResultSink.discarding());
    }

    @Test
    void intentAndCompletionAreMergedAndLiteralsRedacted() throws Exception {
        QueryContext context = statement("SELECT name FROM main.customers WHERE ssn = '123-45-6789'", "agent-7");
        audit.intent(context);
        context.attributes().put(StatementAnalysis.ATTRIBUTE, new StatementAnalysis(context.sql(), StatementKind.QUERY,
                List.of(TableReference.of("main", "customers")), List.of(), List.of(), context.sql(), true));
        context.attributes().put(CostEstimate.ATTRIBUTE, new CostEstimate(0.25, 10, false));
        context.attributes().put(AuditAttributes.COLUMNS_MASKED, List.of("ssn"));
        context.attributes().put(AuditAttributes.POLICY_VERDICTS,
                List.of(new PolicyVerdict("pol_1", "mask-pii", "mask", List.of("ssn"))));
        audit.completed(context, new QueryOutcome(3, 7_000_000, "SELECT 3", "", ""));

        QueryAuditEntry entry = audit.query(caller("auditor", Set.of("audit:read")), "env_1", context.queryId());
        assertEquals("SELECT name FROM main.customers WHERE ssn = '[REDACTED]'", entry.sql());
        assertEquals("", entry.rawSql());
        assertEquals(List.of("main.customers"), entry.tablesAccessed());
        assertEquals("agent-7", entry.agentId());
        assertEquals("langchain", entry.agentFramework());
        assertEquals(3, entry.rowsReturned());
        assertEquals(7, entry.executionTimeMs());
        assertEquals(0.25, entry.creditsConsumed());
        assertEquals(List.of("ssn"), entry.columnsMasked());
        assertEquals("mask-pii", entry.policyVerdicts().get(0).policyName());
        assertEquals("SELECT 3", entry.commandTag());
        assertTrue(entry.completed());
        assertEquals(entry.intent().sequence() + 1, entry.completion().sequence());
        assertEquals(entry.intent().entryHash(), entry.completion().prevHash());
        assertTrue(audit.verifyQueries(caller("admin", Set.of("audit:read")), "env_1").chainValid());
    }

    @Test
    void thePolicyBundlesVerdictsAreRecordedWithTheMaskedColumns() throws Exception {
        QueryContext context = statement("SELECT email FROM customers", "agent-8");
        audit.intent(context);
        io.hatidata.api.governance.PolicyVerdicts.record(context, new io.hatidata.api.governance.PolicyVerdict(
                "pol_m", "mask-email", io.hatidata.api.governance.PolicyVerdict.MASK, List.of("customers.email"), ""));
        io.hatidata.api.governance.PolicyVerdicts.record(context, new io.hatidata.api.governance.PolicyVerdict(
                "pol_r", "own-region", io.hatidata.api.governance.PolicyVerdict.FILTER, List.of("customers"), ""));
        audit.completed(context, new QueryOutcome(2, 1_000_000, "SELECT 2", "", ""));

        QueryAuditEntry entry = audit.query(caller("auditor", Set.of("audit:read")), "env_1", context.queryId());
        assertEquals(List.of("customers.email"), entry.columnsMasked());
        assertEquals(List.of(new PolicyVerdict("pol_m", "mask-email", "mask", List.of("customers.email")),
                new PolicyVerdict("pol_r", "own-region", "filter", List.of())), entry.policyVerdicts());
    }

    @Test
    void aRefusalIsRecordedWithItsPolicyAndSqlState() throws Exception {
        QueryContext context = statement("DELETE FROM t", null);
        audit.intent(context);
        audit.completed(context, new QueryOutcome(0, 1_000, "", "42501", "permission denied by policy no-deletes: nope"));
        QueryAuditEntry entry = audit.query(caller("owner", Set.of("audit:read")), "env_1", context.queryId());
        assertEquals("42501", entry.sqlState());
        assertEquals(List.of(new PolicyVerdict("", "no-deletes", "deny", List.of())), entry.policyVerdicts());
    }

    @Test
    void filtersAndPagination() throws Exception {
        for (int i = 0; i < 5; i++) {
            QueryContext context = statement("SELECT " + i + " FROM t" + i, i % 2 == 0 ? "agent-even" : null);
            audit.intent(context);
            audit.completed(context, new QueryOutcome(1, i * 1_000_000L, "SELECT 1", "", ""));
        }
        Caller auditor = caller("auditor", Set.of("audit:read"));
        Page<QueryAuditEntry> first = audit.queries(auditor, "env_1", ALL, new PageRequest(2, null));
        assertEquals(5, first.total());
        assertEquals(2, first.items().size());
        assertEquals("SELECT '[REDACTED]' FROM t4", first.items().get(0).sql());
        Page<QueryAuditEntry> second = audit.queries(auditor, "env_1", ALL, new PageRequest(2, first.nextCursor()));
        assertEquals("SELECT '[REDACTED]' FROM t2", second.items().get(0).sql());
        QueryAuditFilter agent = new QueryAuditFilter(Instant.EPOCH, Instant.now().plusSeconds(60), null, "agent-even",
                null, null, 3L);
        assertEquals(1, audit.queries(auditor, "env_1", agent, PageRequest.first()).total());
        QueryAuditFilter none = new QueryAuditFilter(Instant.EPOCH, Instant.now().plusSeconds(60), "usr_other", null,
                null, null, null);
        assertEquals(0, audit.queries(auditor, "env_1", none, PageRequest.first()).total());
    }

    @Test
    void analystsAndOtherTenantsCannotRead() {
        ControlPlaneException forbidden = assertThrows(ControlPlaneException.class,
                () -> audit.queries(caller("analyst", Scopes.forRole(io.hatidata.api.controlplane.Role.ANALYST)),
                        "env_1", ALL, PageRequest.first()));
        assertEquals(ControlPlaneException.Reason.FORBIDDEN, forbidden.reason());
        assertEquals(ControlPlaneException.Reason.FORBIDDEN, assertThrows(ControlPlaneException.class,
                () -> audit.queries(caller("auditor", Set.of()), "env_1", ALL, PageRequest.first())).reason());
        assertEquals(ControlPlaneException.Reason.NOT_FOUND, assertThrows(ControlPlaneException.class,
                () -> audit.queries(caller("auditor", Set.of("audit:read")), "env_other", ALL, PageRequest.first())).reason());
        assertEquals(ControlPlaneException.Reason.NOT_FOUND, assertThrows(ControlPlaneException.class,
                () -> audit.iam(caller("owner", Set.of("audit:read")), "org_2",
                        new IamAuditFilter(Instant.EPOCH, Instant.now(), null, null, null), PageRequest.first())).reason());
    }

    @Test
    void iamEventsAreRecordedOnceAndExported() throws Exception {
        LoggedDomainEvent event = new LoggedDomainEvent(1, "evt_1", new DomainEvent("user.role_changed", "org_1",
                "usr_owner", "usr_a", Map.of("role", "admin", "previous_role", "analyst"), Instant.now()));
        audit.consume(event);
        audit.consume(event);
        Caller auditor = caller("auditor", Set.of("audit:read"));
        IamAuditFilter all = new IamAuditFilter(Instant.EPOCH, Instant.now().plusSeconds(60), null, null, "user");
        var page = audit.iam(auditor, "org_1", all, PageRequest.first());
        assertEquals(1, page.total());
        assertEquals(Map.of("role", "analyst"), page.items().get(0).before());
        assertEquals(Map.of("role", "admin"), page.items().get(0).after());

        ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
        audit.exportIam(auditor, "org_1", all, ExportFormat.JSONL).writeTo(jsonl);
        String line = jsonl.toString(StandardCharsets.UTF_8).trim();
        String hash = page.items().get(0).link().entryHash();
        assertTrue(line.endsWith(",\"entry_hash\":\"" + hash + "\"}"));
        String canonical = line.substring(0, line.length() - (",\"entry_hash\":\"" + hash + "\"}").length()) + "}";
        assertEquals(hash, CanonicalForm.sha256Hex(canonical));

        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        audit.exportIam(auditor, "org_1", all, ExportFormat.CSV).writeTo(csv);
        String[] lines = csv.toString(StandardCharsets.UTF_8).split("\r\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith("log,chain_id,seq,prev_hash,entry_id"));
        assertTrue(lines[1].endsWith("," + hash));
        assertFalse(audit.signingKey().publicKey().isEmpty());
    }

    /** An environment service that knows env_1 of org_1. */
    private static final class OneOrganization implements EnvironmentService {
        @Override
        public Environment get(Caller caller, String environmentId) {
            if (!"env_1".equals(environmentId) || !"org_1".equals(caller.identity().organizationId())) {
                throw ControlPlaneException.notFound("environment");
            }
            return new Environment("env_1", "org_1", "dev", "dev", "active", 30_000, 50, false, Instant.EPOCH, Instant.EPOCH);
        }

        @Override
        public Environment create(Caller caller, String organizationId, EnvironmentChanges environment) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Page<Environment> list(Caller caller, String organizationId, PageRequest page) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Environment update(Caller caller, String environmentId, EnvironmentChanges changes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(Caller caller, String environmentId) {
            throw new UnsupportedOperationException();
        }
    }
}

package io.hatidata.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.DomainEvent;
import io.hatidata.api.controlplane.DomainEventPublisher;
import io.hatidata.api.controlplane.Environment;
import io.hatidata.api.controlplane.EnvironmentChanges;
import io.hatidata.api.controlplane.EnvironmentService;
import io.hatidata.api.controlplane.LoggedDomainEvent;
import io.hatidata.api.controlplane.Page;
import io.hatidata.api.controlplane.PageRequest;
import io.hatidata.api.controlplane.Tier;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.policy.Policy;
import io.hatidata.api.policy.PolicyChanges;
import io.hatidata.api.policy.ShadowDecision;
import io.hatidata.api.policy.ShadowReport;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store against a real embedded Derby: CRUD, tenant isolation, roles, events, cache refresh. */
class DefaultPolicyServiceTest {
    private static final Map<String, Object> MASK_EMAIL = Map.of("rules", List.of(
            Map.of("table", "customers", "column", "email", "function", "full", "exempt_roles", List.of("admin"))));

    @TempDir
    Path dir;

    private final List<DomainEvent> events = new ArrayList<>();
    private ShadowLog log;

    /** The shadow log of the service under test, without its writer thread (reads write what is queued). */
    private ShadowLog log(javax.sql.DataSource dataSource) throws Exception {
        log = new ShadowLog(dataSource, 100, 10, 1000, false);
        return log;
    }

    private static Caller caller(String org, String role) {
        return new Caller(new Identity(org, "usr_" + role, role, role, "env_a", "dev", ""), Caller.Method.ACCESS_TOKEN,
                Set.of(), Tier.FREE, "");
    }

    private DefaultPolicyService service() throws Exception {
        EmbeddedDataSource derby = new EmbeddedDataSource();
        derby.setDatabaseName(dir.resolve("db").toString());
        derby.setCreateDatabase("create");
        EnvironmentService environments = new EnvironmentService() {
            @Override
            public Environment get(Caller caller, String environmentId) {
                if (!environmentId.equals("env_a") || !caller.identity().organizationId().equals("org_a")) {
                    throw ControlPlaneException.notFound("environment");
                }
                return new Environment("env_a", "org_a", "dev", "dev", "active", 30000, 10, false, Instant.EPOCH, Instant.EPOCH);
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
        };
        DomainEventPublisher publisher = new DomainEventPublisher() {
            @Override
            public void publish(DomainEvent event) {
                events.add(event);
            }

            @Override
            public LoggedDomainEvent publish(Connection transaction, DomainEvent event) {
                events.add(event);
                return null;
            }
        };
        return new DefaultPolicyService(new PolicyConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return PolicyConfig.class;
            }

            @Override
            public String dataSource_target() {
                return "";
            }

            @Override
            public int maxPoliciesPerEnvironment() {
                return 2;
            }

            @Override
            public int maxRulesPerPolicy() {
                return 10;
            }

            @Override
            public int maxAttributesPerPrincipal() {
                return 3;
            }
        }, derby, environments, publisher, log(derby));
    }

    @Test
    void createListUpdateDeleteWithEventsAndFreshEnforcementReads() throws Exception {
        DefaultPolicyService service = service();
        Caller admin = caller("org_a", "admin");
        assertEquals(List.of(), service.enabledPolicies("env_a"));
        Policy created = service.create(admin, "env_a", new PolicyChanges("pii", "column_masking", null, MASK_EMAIL));
        assertTrue(created.policyId().startsWith("pol_"));
        assertTrue(created.enabled());
        assertEquals(List.of(created), service.enabledPolicies("env_a"), "a write refreshes the enforcement cache");
        assertSame(service.enabledPolicies("env_a"), service.enabledPolicies("env_a"), "reads are cached");
        assertEquals(List.of(created), service.list(caller("org_a", "auditor"), "env_a"));

        Policy disabled = service.update(admin, "env_a", created.policyId(), new PolicyChanges(null, null, false, null));
        assertFalse(disabled.enabled());
        assertEquals(List.of(), service.enabledPolicies("env_a"));
        service.delete(admin, "env_a", created.policyId());
        assertThrows(ControlPlaneException.class, () -> service.get(admin, "env_a", created.policyId()));
        assertEquals(List.of("policy.created", "policy.updated", "policy.deleted"),
                events.stream().map(DomainEvent::type).toList());
        assertEquals("env_a", events.get(0).data().get("env_id"));
    }

    @Test
    void otherOrganizationsRolesAndLimits() throws Exception {
        DefaultPolicyService service = service();
        ControlPlaneException foreign = assertThrows(ControlPlaneException.class,
                () -> service.list(caller("org_b", "owner"), "env_a"));
        assertEquals(ControlPlaneException.Reason.NOT_FOUND, foreign.reason());
        assertEquals(ControlPlaneException.Reason.FORBIDDEN, assertThrows(ControlPlaneException.class,
                () -> service.create(caller("org_a", "analyst"), "env_a",
                        new PolicyChanges("x", "column_masking", true, MASK_EMAIL))).reason());
        assertEquals(ControlPlaneException.Reason.FORBIDDEN, assertThrows(ControlPlaneException.class,
                () -> service.list(caller("org_a", "developer"), "env_a")).reason());
        Caller owner = caller("org_a", "owner");
        service.create(owner, "env_a", new PolicyChanges("one", "column_masking", true, MASK_EMAIL));
        assertEquals(ControlPlaneException.Reason.CONFLICT, assertThrows(ControlPlaneException.class,
                () -> service.create(owner, "env_a", new PolicyChanges("one", "column_masking", true, MASK_EMAIL))).reason());
        service.create(owner, "env_a", new PolicyChanges("two", "column_masking", true, MASK_EMAIL));
        assertEquals(ControlPlaneException.Reason.CONFLICT, assertThrows(ControlPlaneException.class,
                () -> service.create(owner, "env_a", new PolicyChanges("three", "column_masking", true, MASK_EMAIL))).reason());
    }

    @Test
    void attributesOfAKeyOverrideThoseOfItsUser() throws Exception {
        DefaultPolicyService service = service();
        Caller owner = caller("org_a", "owner");
        service.replaceAttributes(owner, "env_a", "usr_1", Map.of("region", "us-east", "team", "red"));
        Identity keyed = new Identity("org_a", "usr_1", "ana", "analyst", "env_a", "dev", "key_1");
        assertEquals(Map.of("region", "us-east", "team", "red"), service.attributesOf(keyed));
        service.replaceAttributes(owner, "env_a", "key_1", Map.of("region", "eu-west"));
        assertEquals(Map.of("region", "eu-west", "team", "red"), service.attributesOf(keyed));
        assertThrows(ControlPlaneException.class,
                () -> service.replaceAttributes(owner, "env_a", "key_1", Map.of("bad name", "x")));
        assertEquals("policy.attributes_changed", events.get(events.size() - 1).type());
    }

    @Test
    void shadowPoliciesAreKeptApartFromEnforcedOnesUntilPromoted() throws Exception {
        DefaultPolicyService service = service();
        Caller admin = caller("org_a", "admin");
        Policy enforced = service.create(admin, "env_a", new PolicyChanges("pii", "column_masking", null, MASK_EMAIL));
        assertEquals(Policy.ENFORCE, enforced.mode(), "the default mode");
        Policy shadow = service.create(admin, "env_a", new PolicyChanges("trial", "column_masking", null, MASK_EMAIL,
                Policy.SHADOW));
        assertEquals(Policy.SHADOW, shadow.mode());
        assertEquals(List.of(enforced), service.enabledPolicies("env_a"), "a shadow policy is never enforced");
        assertEquals(List.of(shadow), service.shadowPolicies("env_a"));
        assertEquals(Policy.SHADOW, service.get(admin, "env_a", shadow.policyId()).mode(), "the mode is stored");
        ControlPlaneException invalid = assertThrows(ControlPlaneException.class, () -> service.update(admin, "env_a",
                shadow.policyId(), new PolicyChanges(null, null, null, null, "loud")));
        assertEquals(ControlPlaneException.Reason.VALIDATION, invalid.reason());

        Policy promoted = service.update(admin, "env_a", shadow.policyId(),
                new PolicyChanges(null, null, null, null, Policy.ENFORCE));
        assertEquals(Policy.ENFORCE, promoted.mode());
        assertEquals(List.of(), service.shadowPolicies("env_a"));
        assertEquals(2, service.enabledPolicies("env_a").size(), "promotion applies to the next statement");
        DomainEvent last = events.get(events.size() - 1);
        assertEquals("policy.updated", last.type());
        assertEquals(Policy.ENFORCE, last.data().get("mode"));
    }

    @Test
    void theShadowReportCountsWhatThePolicyWouldHaveDoneForReadersOfItsEnvironmentOnly() throws Exception {
        DefaultPolicyService service = service();
        Caller admin = caller("org_a", "admin");
        Policy shadow = service.create(admin, "env_a", new PolicyChanges("trial", "column_masking", null, MASK_EMAIL,
                Policy.SHADOW));
        log.record(new ShadowDecision(shadow.policyId(), "env_a", "qry_1", "key_1", "analyst", "", "SELECT 1",
                ShadowDecision.MASK, List.of("customers.email"), "", Instant.parse("2026-01-01T00:00:00Z")));
        log.record(new ShadowDecision(shadow.policyId(), "env_a", "qry_2", "key_1", "analyst", "", "SELECT 2",
                ShadowDecision.NONE, List.of(), "", Instant.parse("2026-01-01T00:01:00Z")));
        ShadowReport report = service.shadowReport(caller("org_a", "auditor"), "env_a", shadow.policyId());
        assertEquals(2, report.statementsEvaluated());
        assertEquals(1, report.wouldMask());
        assertEquals(1, report.distinctPrincipals());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), report.firstSeen());
        assertEquals(Instant.parse("2026-01-01T00:01:00Z"), report.lastSeen());
        assertEquals(List.of("qry_1"), report.samples().stream().map(ShadowDecision::queryId).toList());
        assertEquals(ControlPlaneException.Reason.NOT_FOUND, assertThrows(ControlPlaneException.class,
                () -> service.shadowReport(caller("org_b", "owner"), "env_a", shadow.policyId())).reason());
        assertEquals(ControlPlaneException.Reason.FORBIDDEN, assertThrows(ControlPlaneException.class,
                () -> service.shadowReport(caller("org_a", "analyst"), "env_a", shadow.policyId())).reason());
        assertEquals(ControlPlaneException.Reason.VALIDATION, assertThrows(ControlPlaneException.class,
                () -> service.shadowDecisions(admin, "env_a", shadow.policyId(), "maybe", PageRequest.first())).reason());

        service.delete(admin, "env_a", shadow.policyId());
        assertEquals(0, log.summary(shadow.policyId()).evaluated(), "deleting a policy deletes its decisions");
    }
}

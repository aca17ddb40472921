package io.hatidata.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.ControlPlaneException.Reason;
import io.hatidata.api.controlplane.DomainEvent;
import io.hatidata.api.controlplane.NewApiKey;
import io.hatidata.api.controlplane.PageRequest;
import io.hatidata.api.controlplane.Role;
import io.hatidata.api.identity.Credentials;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.provisioning.JitGrant;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

class DefaultJitAccessServiceTest {
    @TempDir
    Path dir;

    private TestStore store;
    private DefaultJitAccessService jit;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    private String org;
    private String env;
    private String analystKey;
    private String adminKey;

    @BeforeEach
    void start() throws Exception {
        store = new TestStore(dir);
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        jit = new DefaultJitAccessService(store.dataSource, store.authenticator, store.publisher, config(), clock);
        Caller owner = store.owner();
        org = owner.identity().organizationId();
        env = owner.identity().environmentId();
        analystKey = store.keys.create(owner, env, new NewApiKey("ana", List.of("admin"), List.of(), "analyst", null)).secret();
        adminKey = store.keys.create(owner, env, new NewApiKey("adm", List.of("admin"), List.of(), "admin", null)).secret();
    }

    @AfterEach
    void stop() {
        jit.deactivate();
        store.close();
    }

    @Test
    void anApprovedElevationAppliesAtOnceAndEndsOnRevoke() throws Exception {
        Caller analyst = store.caller(analystKey);
        JitGrant asked = jit.request(analyst, org, env, "admin", "incident 42", 300);
        assertEquals(JitGrant.PENDING, asked.status());
        assertEquals(Role.ANALYST, asked.currentRole());
        assertEquals(null, asked.expiresAt());
        assertEquals(Role.ANALYST, store.caller(analystKey).role(), "pending grants nothing");
        refused(Reason.FORBIDDEN, () -> jit.approve(analyst, org, asked.id()));

        JitGrant approved = jit.approve(store.caller(adminKey), org, asked.id());
        assertEquals(JitGrant.APPROVED, approved.status());
        assertEquals(now.get().plusSeconds(300), approved.expiresAt());
        Caller elevated = store.caller(analystKey);
        assertEquals(Role.ADMIN, elevated.role(), "REST callers are elevated at once");
        // a wire identity keeps the key's role and is elevated per statement
        assertEquals("analyst", store.authenticator.authenticate(new Credentials("t", analystKey, "", "127.0.0.1")).role());
        assertEquals(Role.ADMIN, store.authenticator.effectiveRole(
                store.authenticator.authenticate(new Credentials("t", analystKey, "", "127.0.0.1"))));
        // what an elevated caller creates cannot outlive the elevation
        refused(Reason.FORBIDDEN, () -> store.keys.create(elevated, env, new NewApiKey("x", List.of(), List.of(), "admin", null)));
        assertEquals(Role.ANALYST, store.keys.create(elevated, env, new NewApiKey("y", List.of(), List.of(), null, null)).key().role());

        JitGrant revoked = jit.revoke(store.caller(adminKey), org, asked.id());
        assertEquals(JitGrant.REVOKED, revoked.status());
        assertEquals(Role.ANALYST, store.caller(analystKey).role(), "revocation applies at once");
        assertEquals(List.of("jit.requested", "jit.approved", "jit.revoked"), jitEvents());
    }

    @Test
    void theSweeperExpiresGrantsAndPublishes() throws Exception {
        JitGrant asked = jit.request(store.caller(analystKey), org, null, "developer", "migration", 60);
        jit.approve(store.owner(), org, asked.id());
        assertEquals(Role.DEVELOPER, store.caller(analystKey).role());
        assertEquals(0, jit.sweep());
        now.set(now.get().plus(Duration.ofMinutes(2)));
        assertEquals(JitGrant.EXPIRED, jit.get(store.owner(), org, asked.id()).status(), "reported expired before the sweep");
        assertEquals(1, jit.sweep());
        assertEquals(0, jit.sweep());
        assertEquals(List.of("jit.requested", "jit.approved", "jit.expired"), jitEvents());
        assertEquals(1, jit.list(store.owner(), org, null, "expired", PageRequest.first()).total());
        assertEquals(Role.ANALYST, store.caller(analystKey).role());
    }

    @Test
    void rulesOfWhoMayDecide() throws Exception {
        Caller analyst = store.caller(analystKey);
        Caller admin = store.caller(adminKey);
        JitGrant owner = jit.request(analyst, org, env, "owner", "break glass", 120);
        refused(Reason.FORBIDDEN, () -> jit.approve(admin, org, owner.id()));
        refused(Reason.FORBIDDEN, () -> jit.deny(analyst, org, owner.id(), null));
        assertEquals(JitGrant.DENIED, jit.deny(admin, org, owner.id(), "no").status());
        refused(Reason.CONFLICT, () -> jit.approve(store.owner(), org, owner.id()));
        refused(Reason.VALIDATION, () -> jit.request(analyst, org, env, "analyst", "same", 120));
        refused(Reason.VALIDATION, () -> jit.request(analyst, org, env, "admin", "too short", 5));
        refused(Reason.VALIDATION, () -> jit.request(analyst, org, env, "admin", "too long", 86_401));
        refused(Reason.VALIDATION, () -> jit.request(analyst, org, env, "root", "unknown", 120));
        refused(Reason.VALIDATION, () -> jit.request(analyst, org, env, "admin", " ", 120));
        refused(Reason.NOT_FOUND, () -> jit.request(analyst, "org_other", null, "admin", "x", 120));
        // the requester withdraws their own pending request; others' requests are invisible to an analyst
        JitGrant mine = jit.request(analyst, org, env, "admin", "later", 120);
        assertEquals(JitGrant.REVOKED, jit.revoke(analyst, org, mine.id()).status());
        jit.request(admin, org, env, "owner", "x", 120);
        assertEquals(2, jit.list(analyst, org, null, null, PageRequest.first()).total(), "an analyst key sees its own");
        assertEquals(3, jit.list(admin, org, null, null, PageRequest.first()).total());
        assertEquals(List.of("jit.requested", "jit.denied", "jit.requested", "jit.revoked", "jit.requested"), jitEvents());
    }

    private List<String> jitEvents() {
        return store.events.stream().map(DomainEvent::type).filter(type -> type.startsWith("jit.")).toList();
    }

    private static void refused(Reason reason, Executable action) {
        assertEquals(reason, assertThrows(ControlPlaneException.class, action).reason());
    }

    private static JitAccessConfig config() {
        return new JitAccessConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return JitAccessConfig.class;
            }

            @Override
            public long minimumDurationSeconds() {
                return 60;
            }

            @Override
            public long maximumDurationMinutes() {
                return 1440;
            }

            @Override
            public long sweepIntervalSeconds() {
                return 3600;
            }

            @Override
            public int maxPendingPerRequester() {
                return 10;
            }

            @Override
            public String dataSource_target() {
                return "";
            }
        };
    }

    @Test
    void theKeyScopesStageHandsTheElevatedRoleToEveryLaterStage() throws Exception {
        Identity wire = store.authenticator.authenticate(new Credentials("t", analystKey, "", "127.0.0.1"));
        ScopeStage stage = new ScopeStage(store.authenticator);
        java.util.concurrent.atomic.AtomicReference<Identity> seen = new java.util.concurrent.atomic.AtomicReference<>();
        io.hatidata.api.pipeline.QueryContext context = io.hatidata.api.pipeline.QueryContext.of(
                new io.hatidata.api.pipeline.Session("ses_1", wire, java.util.Map.of()), "qry_1", "SELECT 1",
                io.hatidata.api.query.ResultSink.discarding());
        stage.process(context, next -> seen.set(next.identity()));
        assertEquals("analyst", seen.get().role(), "no grant: the key's own role");

        JitGrant asked = jit.request(store.caller(analystKey), org, env, "admin", "incident 7", 300);
        jit.approve(store.caller(adminKey), org, asked.id());
        stage.process(context, next -> seen.set(next.identity()));
        assertEquals("admin", seen.get().role(), "the same session's next statement is elevated");
        assertEquals(wire.keyId(), seen.get().keyId());
        assertEquals("analyst", context.session().identity().role(), "the session keeps the credential's role");

        jit.revoke(store.caller(adminKey), org, asked.id());
        stage.process(context, next -> seen.set(next.identity()));
        assertEquals("analyst", seen.get().role());
    }
}

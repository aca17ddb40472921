package io.hatidata.shadow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.ControlPlaneException.Reason;
import io.hatidata.api.controlplane.Environment;
import io.hatidata.api.controlplane.EnvironmentChanges;
import io.hatidata.api.controlplane.EnvironmentService;
import io.hatidata.api.controlplane.Page;
import io.hatidata.api.controlplane.PageRequest;
import io.hatidata.api.controlplane.Role;
import io.hatidata.api.controlplane.Scopes;
import io.hatidata.api.controlplane.Tier;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.provisioning.ShadowSettings;
import io.hatidata.api.provisioning.ShadowSource;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Who may start a run and what a start refuses, before any source is contacted. */
class ShadowRunsTest {
    private static final String ENV = "env_dev_a";
    private final ShadowRuns runs = new ShadowRuns(new OneEnvironment(), List.of("jdbc:postgresql:"),
            new ShadowRun.Limits(10, 5, 100, 2, 1, 10), Clock.systemUTC());
    private final ShadowSettings defaults = new ShadowSettings(1, 1e-9, 0);

    @Test
    void refusesOtherUrlsBadSettingsAndRolesWithoutTouchingASource() {
        Caller admin = caller(Role.ADMIN, "org_a");
        refused(Reason.VALIDATION, () -> runs.start(admin, ENV, new ShadowSource("jdbc:mysql://h/db", "u", "p"), defaults));
        refused(Reason.VALIDATION, () -> runs.start(admin, ENV, new ShadowSource(" ", "u", "p"), defaults));
        ShadowSource source = new ShadowSource("jdbc:postgresql://127.0.0.1:1/none", "u", "secret");
        refused(Reason.VALIDATION, () -> runs.start(admin, ENV, source, new ShadowSettings(0, 1e-9, 0)));
        refused(Reason.VALIDATION, () -> runs.start(admin, ENV, source, new ShadowSettings(1, -1, 0)));
        refused(Reason.VALIDATION, () -> runs.start(admin, ENV, source, new ShadowSettings(1, 1e-9, -5)));
        refused(Reason.FORBIDDEN, () -> runs.start(caller(Role.ANALYST, "org_a"), ENV, source, defaults));
        refused(Reason.NOT_FOUND, () -> runs.start(caller(Role.OWNER, "org_b"), ENV, source, defaults));
        refused(Reason.NOT_FOUND, () -> runs.status(admin, ENV));
        assertNull(runs.active(ENV));
    }

    @Test
    void anUnreachableSourceIsAValidationErrorThatNeverShowsThePassword() {
        ControlPlaneException refused = assertThrows(ControlPlaneException.class, () -> runs.start(caller(Role.OWNER, "org_a"),
                ENV, new ShadowSource("jdbc:postgresql://127.0.0.1:1/none", "u", "hunter2-secret"), defaults));
        assertEquals(Reason.VALIDATION, refused.reason());
        assertEquals("source", refused.details().get("field"));
        assertFalse(refused.getMessage().contains("hunter2-secret"), refused.getMessage());
        assertTrue(new ShadowSource("jdbc:postgresql://h/db", "u", "hunter2-secret").toString().contains("<redacted>"));
        assertNull(runs.active(ENV));
    }

    private static void refused(Reason reason, Executable action) {
        assertEquals(reason, assertThrows(ControlPlaneException.class, action).reason());
    }

    private static Caller caller(Role role, String organization) {
        return new Caller(new Identity(organization, "usr_1", "u", role.json(), ENV, "development", ""),
                Caller.Method.ACCESS_TOKEN, Scopes.forRole(role), Tier.FREE, "u@example.com");
    }

    /** One environment of organization {@code org_a}; other organizations do not see it. */
    private static final class OneEnvironment implements EnvironmentService {
        @Override
        public Environment get(Caller caller, String environmentId) {
            if (!ENV.equals(environmentId) || !"org_a".equals(caller.identity().organizationId())) {
                throw ControlPlaneException.notFound("environment");
            }
            return new Environment(ENV, "org_a", "development", "development", "active", 30_000, 50, false,
                    Instant.EPOCH, Instant.EPOCH);
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

package io.hatidata.controlplane;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.DomainEvent;
import io.hatidata.api.controlplane.DomainEventPublisher;
import io.hatidata.api.controlplane.Page;
import io.hatidata.api.controlplane.PageRequest;
import io.hatidata.api.controlplane.Role;
import io.hatidata.api.provisioning.JitAccessService;
import io.hatidata.api.provisioning.JitGrant;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Just-in-time access (SPEC §2.8.1) over {@code jit_grants}. The elevated principal is the credential
 * that asked: an API key (which carries its own role), or the user when asked with an access token.
 * "Not the requester" means another principal: a person may approve their own key's request with another
 * credential only when that credential is an owner or admin, which never grants them more than they hold.
 * Who approves: owner or admin (an admin may approve admin, as the acceptance of issue 10 asks; an owner
 * elevation needs an owner). A sweeper marks grants past {@code expires_at} expired and publishes
 * {@code jit.expired}; the elevation itself ends at {@code expires_at} whether or not it ran.
 */
@Component(service = JitAccessService.class, configurationPid = DefaultJitAccessService.PID)
@Designate(ocd = JitAccessConfig.class)
public final class DefaultJitAccessService implements JitAccessService {
    static final String PID = "io.hatidata.controlplane.jit";
    private static final Logger LOG = LoggerFactory.getLogger(DefaultJitAccessService.class);
    private static final Set<String> STATUSES = Set.of(JitGrant.PENDING, JitGrant.APPROVED, JitGrant.DENIED,
            JitGrant.EXPIRED, JitGrant.REVOKED);
    private static final String COLUMNS = "id, org_id, environment_id, requester_id, requester_key_id, requester_email,"
            + " held_role, requested_role, reason, duration_seconds, status, decided_by, requested_at, decided_at,"
            + " expires_at, principal_id";
    private static final int SWEEP_BATCH = 100;

    private final Db db;
    private final ApiKeyAuthenticator authenticator;
    private final DomainEventPublisher events;
    private final Clock clock;
    private final long minimumSeconds;
    private final long maximumSeconds;
    private final int maxPending;
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService sweeper;

    @Activate
    public DefaultJitAccessService(@Reference(name = "dataSource") DataSource dataSource,
            @Reference ApiKeyAuthenticator authenticator, @Reference DomainEventPublisher events, JitAccessConfig config) {
        this(dataSource, authenticator, events, config, Clock.systemUTC());
    }

    DefaultJitAccessService(DataSource dataSource, ApiKeyAuthenticator authenticator, DomainEventPublisher events,
            JitAccessConfig config, Clock clock) {
        this.db = new Db(dataSource);
        this.authenticator = authenticator;
        this.events = events;
        this.clock = clock;
        this.minimumSeconds = Math.max(1, config.minimumDurationSeconds());
        this.maximumSeconds = Math.max(minimumSeconds, config.maximumDurationMinutes() * 60);
        this.maxPending = Math.max(1, config.maxPendingPerRequester());
        this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hatidata-jit-expiry");
            thread.setDaemon(true);
            return thread;
        });
        long interval = Math.max(1, config.sweepIntervalSeconds());
        sweeper.scheduleWithFixedDelay(this::sweepQuietly, interval, interval, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        sweeper.shutdownNow();
    }

    @Override
    public long minimumDurationSeconds() {
        return minimumSeconds;
    }

    @Override
    public long maximumDurationSeconds() {
        return maximumSeconds;
    }

    @Override
    public String organizationOf(Caller caller, String environmentId) {
        return Access.environmentOrganization(db, caller, environmentId);
    }

    @Override
    public JitGrant request(Caller caller, String organizationId, String environmentId, String requestedRole,
            String reason, long durationSeconds) {
        Access.requireMember(caller, organizationId, "organization");
        if (environmentId != null) {
            organizationOf(caller, environmentId);
        }
        Role requested = Role.fromJson(requestedRole).orElseThrow(() -> ControlPlaneException.invalid("requested_role",
                "enum", "requested_role must be one of owner, admin, developer, analyst, auditor, service_account"));
        String why = Access.required(reason, "reason", 1000);
        if (durationSeconds < minimumSeconds || durationSeconds > maximumSeconds) {
            throw ControlPlaneException.invalid("duration_minutes", "range", "the duration must be between "
                    + minimumSeconds + " seconds and " + (maximumSeconds / 60) + " minutes");
        }
        Role current = authenticator.baseRole(caller);
        if (requested == current) {
            throw ControlPlaneException.invalid("requested_role", "differs", "the requester already has the role "
                    + current.json());
        }
        String principal = JitElevations.principal(caller.identity());
        Instant now = clock.instant();
        String id = Ids.newId(random, "jit_", 16);
        db.inTransaction(connection -> {
            int pending = Db.query(connection, "SELECT COUNT(*) FROM jit_grants WHERE org_id = ? AND principal_id = ?"
                    + " AND status = 'pending'", row -> row.getInt(1), organizationId, principal).get(0);
            if (pending >= maxPending) {
                throw new ControlPlaneException(ControlPlaneException.Reason.CONFLICT,
                        "too many pending requests (at most " + maxPending + ")");
            }
            Db.update(connection, "INSERT INTO jit_grants (id, org_id, environment_id, requester_id, requester_key_id,"
                    + " principal_id, requester_email, held_role, requested_role, reason, duration_seconds, status,"
                    + " requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)", id, organizationId,
                    environmentId, caller.identity().userId(), caller.identity().keyId(), principal, caller.email(),
                    current.json(), requested.json(), why, durationSeconds, now);
            JitGrant grant = load(connection, organizationId, id);
            publish(connection, "jit.requested", caller.identity().userId(), grant, Map.of());
            return null;
        });
        LOG.info("JIT request {}: {} asks for {} for {} s", id, principal, requested.json(), durationSeconds);
        return get(caller, organizationId, id);
    }

    @Override
    public Page<JitGrant> list(Caller caller, String organizationId, String environmentId, String status,
            PageRequest page) {
        Access.requireMember(caller, organizationId, "organization");
        StringBuilder where = new StringBuilder(" WHERE org_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(organizationId));
        if (environmentId != null) {
            organizationOf(caller, environmentId);
            where.append(" AND environment_id = ?");
            parameters.add(environmentId);
        }
        if (!seesAll(caller)) {
            where.append(" AND requester_id = ?");
            parameters.add(caller.identity().userId());
            if (!caller.identity().keyId().isEmpty()) {
                where.append(" AND requester_key_id = ?");
                parameters.add(caller.identity().keyId());
            }
        }
        if (status != null) {
            if (!STATUSES.contains(status)) {
                throw ControlPlaneException.invalid("status", "enum",
                        "status must be pending, approved, denied, expired or revoked");
            }
            // an approved grant past its expiry is reported expired even before the sweeper marked it
            Instant now = clock.instant();
            switch (status) {
                case JitGrant.APPROVED -> {
                    where.append(" AND status = 'approved' AND expires_at > ?");
                    parameters.add(now);
                }
                case JitGrant.EXPIRED -> {
                    where.append(" AND (status = 'expired' OR (status = 'approved' AND expires_at <= ?))");
                    parameters.add(now);
                }
                default -> {
                    where.append(" AND status = ?");
                    parameters.add(status);
                }
            }
        }
        int total = db.queryOne("SELECT COUNT(*) FROM jit_grants" + where, row -> row.getInt(1), parameters.toArray())
                .orElse(0);
        parameters.add(Access.after(page));
        List<JitGrant> rows = db.query("SELECT " + COLUMNS + " FROM jit_grants" + where + " AND id > ? ORDER BY id FETCH FIRST "
                + (page.limit() + 1) + " ROWS ONLY", this::grant, parameters.toArray());
        return Access.page(rows, page, total, JitGrant::id);
    }

    @Override
    public JitGrant get(Caller caller, String organizationId, String requestId) {
        Access.requireMember(caller, organizationId, "organization");
        JitGrant grant = db.queryOne("SELECT " + COLUMNS + " FROM jit_grants WHERE id = ? AND org_id = ?", this::grant,
                requestId, organizationId).orElseThrow(() -> ControlPlaneException.notFound("JIT request"));
        if (!seesAll(caller) && !owns(caller, grant)) {
            throw ControlPlaneException.notFound("JIT request");
        }
        visibleEnvironment(caller, grant);
        return grant;
    }

    @Override
    public JitGrant approve(Caller caller, String organizationId, String requestId) {
        JitGrant grant = decidable(caller, organizationId, requestId);
        if (grant.requestedRole() == Role.OWNER && caller.role() != Role.OWNER) {
            throw ControlPlaneException.forbidden("only an owner may approve an owner elevation");
        }
        Instant now = clock.instant();
        Instant expires = now.plusSeconds(grant.durationSeconds());
        db.inTransaction(connection -> {
            if (Db.update(connection, "UPDATE jit_grants SET status = 'approved', decided_by = ?, decided_at = ?,"
                    + " expires_at = ? WHERE id = ? AND status = 'pending'", caller.identity().userId(), now, expires,
                    requestId) != 1) {
                throw notPending();
            }
            publish(connection, "jit.approved", caller.identity().userId(), load(connection, organizationId, requestId),
                    Map.of());
            return null;
        });
        authenticator.jitGrantsChanged();
        LOG.info("JIT request {} approved by {} until {}", requestId, caller.identity().userId(), expires);
        return get(caller, organizationId, requestId);
    }

    @Override
    public JitGrant deny(Caller caller, String organizationId, String requestId, String reason) {
        decidable(caller, organizationId, requestId);
        String why = Access.bounded(reason, "reason", 1000);
        Instant now = clock.instant();
        db.inTransaction(connection -> {
            if (Db.update(connection, "UPDATE jit_grants SET status = 'denied', decided_by = ?, decided_at = ?"
                    + " WHERE id = ? AND status = 'pending'", caller.identity().userId(), now, requestId) != 1) {
                throw notPending();
            }
            publish(connection, "jit.denied", caller.identity().userId(), load(connection, organizationId, requestId),
                    why == null ? Map.of() : Map.of("denial_reason", why));
            return null;
        });
        return get(caller, organizationId, requestId);
    }

    @Override
    public JitGrant revoke(Caller caller, String organizationId, String requestId) {
        JitGrant grant = get(caller, organizationId, requestId);
        if (!owns(caller, grant) && !managesAccess(caller)) {
            throw ControlPlaneException.forbidden("only an owner, an admin or the requester may revoke");
        }
        Instant now = clock.instant();
        db.inTransaction(connection -> {
            if (Db.update(connection, "UPDATE jit_grants SET status = 'revoked', revoked_by = ?, revoked_at = ?"
                    + " WHERE id = ? AND (status = 'pending' OR (status = 'approved' AND expires_at > ?))",
                    caller.identity().userId(), now, requestId, now) != 1) {
                throw new ControlPlaneException(ControlPlaneException.Reason.CONFLICT,
                        "only a pending or active request can be revoked");
            }
            publish(connection, "jit.revoked", caller.identity().userId(), load(connection, organizationId, requestId),
                    Map.of("previous_status", grant.status()));
            return null;
        });
        authenticator.jitGrantsChanged();
        return get(caller, organizationId, requestId);
    }

    /** Marks approved grants past their expiry as expired, publishing {@code jit.expired}; the number marked. */
    int sweep() {
        Instant now = clock.instant();
        int expired = db.inTransaction(connection -> {
            List<JitGrant> due = Db.query(connection, "SELECT " + COLUMNS + " FROM jit_grants WHERE status = 'approved'"
                    + " AND expires_at <= ? ORDER BY expires_at FETCH FIRST " + SWEEP_BATCH + " ROWS ONLY", this::grant, now);
            int count = 0;
            for (JitGrant each : due) {
                if (Db.update(connection, "UPDATE jit_grants SET status = 'expired' WHERE id = ? AND status = 'approved'",
                        each.id()) == 1) {
                    publish(connection, "jit.expired", "", each, Map.of());
                    count++;
                }
            }
            return count;
        });
        if (expired > 0) {
            authenticator.jitGrantsChanged();
            LOG.info("{} JIT elevation(s) expired", expired);
        }
        return expired;
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException ex) {
            LOG.warn("JIT expiry sweep failed; retrying at the next interval: {}", ex.getMessage());
        }
    }

    /** A pending request that this caller (owner or admin, another principal) may decide. */
    private JitGrant decidable(Caller caller, String organizationId, String requestId) {
        Access.requireMember(caller, organizationId, "organization");
        if (!managesAccess(caller)) {
            throw ControlPlaneException.forbidden("only an owner or an admin may approve or deny JIT requests");
        }
        JitGrant grant = get(caller, organizationId, requestId);
        String principal = grant.requesterKeyId().isEmpty() ? grant.requesterId() : grant.requesterKeyId();
        if (principal.equals(JitElevations.principal(caller.identity()))) {
            throw ControlPlaneException.forbidden("a requester cannot decide their own JIT request");
        }
        if (!JitGrant.PENDING.equals(grant.status())) {
            throw notPending();
        }
        return grant;
    }

    private static boolean managesAccess(Caller caller) {
        boolean role = caller.role() == Role.OWNER || caller.role() == Role.ADMIN;
        return role && (caller.method() != Caller.Method.API_KEY || caller.scopes().contains("users:manage"));
    }

    /**
     * Whether the caller made the request: the same key, or, for an access token, the same user (a person's
     * token covers the requests of their keys).
     */
    private static boolean owns(Caller caller, JitGrant grant) {
        return grant.requesterId().equals(caller.identity().userId())
                && (caller.identity().keyId().isEmpty() || caller.identity().keyId().equals(grant.requesterKeyId()));
    }

    private static boolean seesAll(Caller caller) {
        return caller.role() == Role.OWNER || caller.role() == Role.ADMIN || caller.role() == Role.AUDITOR;
    }

    /** An API key sees requests of its own environment (and organization-wide ones) only. */
    private static void visibleEnvironment(Caller caller, JitGrant grant) {
        if (grant.environmentId() != null && caller.method() == Caller.Method.API_KEY
                && !caller.identity().environmentId().equals(grant.environmentId())) {
            throw ControlPlaneException.notFound("JIT request");
        }
    }

    private static ControlPlaneException notPending() {
        return new ControlPlaneException(ControlPlaneException.Reason.CONFLICT, "the request is no longer pending");
    }

    private JitGrant load(Connection connection, String organizationId, String id) throws SQLException {
        return Db.query(connection, "SELECT " + COLUMNS + " FROM jit_grants WHERE id = ? AND org_id = ?", this::grant, id,
                organizationId).get(0);
    }

    private JitGrant grant(ResultSet row) throws SQLException {
        Instant expiresAt = Db.instant(row.getTimestamp(15));
        String status = row.getString(11);
        if (JitGrant.APPROVED.equals(status) && expiresAt != null && !clock.instant().isBefore(expiresAt)) {
            status = JitGrant.EXPIRED;
        }
        return new JitGrant(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                row.getString(6), Role.fromJson(row.getString(7)).orElse(Role.AUDITOR),
                Role.fromJson(row.getString(8)).orElse(Role.AUDITOR), row.getString(9), row.getLong(10), status,
                row.getString(12), Db.instant(row.getTimestamp(13)), Db.instant(row.getTimestamp(14)), expiresAt);
    }

    private void publish(Connection transaction, String type, String actor, JitGrant grant, Map<String, String> extra)
            throws SQLException {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("requester_id", grant.requesterId());
        if (!grant.requesterKeyId().isEmpty()) {
            data.put("requester_key_id", grant.requesterKeyId());
        }
        data.put("current_role", grant.currentRole().json());
        data.put("requested_role", grant.requestedRole().json());
        data.put("duration_seconds", Long.toString(grant.durationSeconds()));
        if (grant.environmentId() != null) {
            data.put("environment_id", grant.environmentId());
        }
        if (grant.expiresAt() != null) {
            data.put("expires_at", grant.expiresAt().toString());
        }
        data.putAll(extra);
        events.publish(transaction, new DomainEvent(type, grant.organizationId(), actor, grant.id(), data, clock.instant()));
    }
}

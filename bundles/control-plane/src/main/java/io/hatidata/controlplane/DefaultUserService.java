package io.hatidata.controlplane;

import io.hatidata.api.billing.OrganizationQuotas;
import io.hatidata.api.billing.Quota;
import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.DomainEvent;
import io.hatidata.api.controlplane.DomainEventPublisher;
import io.hatidata.api.controlplane.InvitationDelivery;
import io.hatidata.api.controlplane.InvitedUser;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.Page;
import io.hatidata.api.controlplane.PageRequest;
import io.hatidata.api.controlplane.Permission;
import io.hatidata.api.controlplane.Role;
import io.hatidata.api.controlplane.User;
import io.hatidata.api.controlplane.UserService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users of an organization. Elevation rules (SPEC §2.1.1): only an owner grants or takes away owner and
 * admin; nobody changes their own role or suspends or removes themselves; the last owner stays. A removed
 * user's row is kept (keys and sessions refer to it) with status {@code removed}, hidden from lists, and
 * their keys are revoked, as are their unused invitations.
 *
 * <p>An invitation is a one-time token ({@link Invitations}) valid 7 days, accepted with
 * {@link DefaultTokenService#acceptInvitation}. After the invitation is committed an {@link InvitationDelivery}
 * service, when one runs, may send it to the invitee; otherwise the token goes back to the inviter. Inviting
 * an e-mail address that is already a member is a conflict; {@link #resendInvitation} issues a new token and
 * withdraws the earlier ones.
 */
@Component(configurationPid = ControlPlanePids.CONTROL_PLANE, service = UserService.class)
public final class DefaultUserService implements UserService {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultUserService.class);
    private static final Set<String> STATUSES = Set.of("active", "invited", "suspended");
    private static final String SELECT = "SELECT " + Rows.USER + " FROM users";

    private final Db db;
    private final ApiKeyAuthenticator authenticator;
    private final DomainEventPublisher events;

    /** Billing's resource quotas, while the billing bundle runs. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile OrganizationQuotas quotas;

    /** Sends invitations to invitees, while a bundle offers it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile InvitationDelivery delivery;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    @Activate
    public DefaultUserService(@Reference(name = "dataSource") DataSource dataSource,
            @Reference ApiKeyAuthenticator authenticator, @Reference DomainEventPublisher events) {
        this(dataSource, authenticator, events, Clock.systemUTC());
    }

    DefaultUserService(DataSource dataSource, ApiKeyAuthenticator authenticator, DomainEventPublisher events, Clock clock) {
        this.db = new Db(dataSource);
        this.authenticator = authenticator;
        this.events = events;
        this.clock = clock;
    }

    /** Offers invitations to a delivery service (tests set one directly). */
    void setDelivery(InvitationDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public InvitedUser invite(Caller caller, String organizationId, String email, String name, String role) {
        authorize(caller, organizationId);
        String address = Access.email(email, "email");
        String displayName = name == null ? address.substring(0, address.indexOf('@')) : Access.required(name, "name", 200);
        Role granted = role == null ? Role.ANALYST : role(role);
        if (!caller.role().mayGrant(granted)) {
            throw ControlPlaneException.forbidden("the role " + caller.role().json() + " may not grant " + granted.json());
        }
        Instant now = clock.instant();
        Instant expiresAt = now.plus(Invitations.LIFETIME);
        String id = Ids.newId(random, "usr_", 12);
        String token = db.inTransaction(connection -> {
            ResourceQuotaCheck.requireRoom(quotas, connection, organizationId, Quota.MAX_USERS, null);
            if (!Db.query(connection, "SELECT 1 FROM users WHERE org_id = ? AND email = ?", row -> 1, organizationId,
                    address).isEmpty()) {
                throw new ControlPlaneException(ControlPlaneException.Reason.CONFLICT, "the user is already a member",
                        Map.of("field", "email", "constraint", "unique"), 0);
            }
            Db.update(connection, "INSERT INTO users (id, org_id, user_name, email, role, created_at, name, status,"
                    + " invitation_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'invited', ?)", id, organizationId, displayName,
                    address, granted.json(), now, displayName, expiresAt);
            String issued = Invitations.issue(connection, random, id, organizationId, caller.identity().userId(), now,
                    expiresAt);
            publish(connection, "user.invited", caller, organizationId, id, Map.of("role", granted.json()));
            return issued;
        });
        return deliver(load(organizationId, id), token);
    }

    @Override
    public InvitedUser resendInvitation(Caller caller, String organizationId, String userId) {
        authorize(caller, organizationId);
        User target = load(organizationId, userId);
        if (!caller.role().mayGrant(target.role())) {
            throw ControlPlaneException.forbidden("the role " + caller.role().json() + " may not invite a "
                    + target.role().json());
        }
        Instant now = clock.instant();
        Instant expiresAt = now.plus(Invitations.LIFETIME);
        String token = db.inTransaction(connection -> {
            if (Db.update(connection, "UPDATE users SET invitation_expires_at = ? WHERE id = ? AND status = 'invited'",
                    expiresAt, userId) != 1) {
                throw new ControlPlaneException(ControlPlaneException.Reason.CONFLICT,
                        "the user is not invited (status " + target.status() + ")", Map.of("field", "status"), 0);
            }
            String issued = Invitations.issue(connection, random, userId, organizationId, caller.identity().userId(), now,
                    expiresAt);
            publish(connection, "user.invited", caller, organizationId, userId,
                    Map.of("role", target.role().json(), "resent", "true"));
            return issued;
        });
        return deliver(load(organizationId, userId), token);
    }

    @Override
    public Page<User> list(Caller caller, String organizationId, String role, String status, PageRequest page) {
        authorize(caller, organizationId);
        StringBuilder where = new StringBuilder(" WHERE org_id = ? AND status <> 'removed'");
        List<Object> parameters = new ArrayList<>(List.of(organizationId));
        if (role != null) {
            where.append(" AND role = ?");
            parameters.add(role(role).json());
        }
        if (status != null) {
            if (!STATUSES.contains(status)) {
                throw ControlPlaneException.invalid("status", "enum", "status must be active, invited or suspended");
            }
            where.append(" AND status = ?");
            parameters.add(status);
        }
        int total = db.queryOne("SELECT COUNT(*) FROM users" + where, row -> row.getInt(1), parameters.toArray()).orElse(0);
        parameters.add(Access.after(page));
        List<User> rows = db.query(SELECT + where + " AND id > ? ORDER BY id FETCH FIRST " + (page.limit() + 1)
                + " ROWS ONLY", Rows::user, parameters.toArray());
        return Access.page(rows, page, total, User::id);
    }

    @Override
    public User get(Caller caller, String organizationId, String userId) {
        authorize(caller, organizationId);
        return load(organizationId, userId);
    }

    @Override
    public User changeRole(Caller caller, String organizationId, String userId, String role) {
        User target = target(caller, organizationId, userId, "change their own role");
        Role granted = role(role);
        if (!caller.role().mayGrant(granted)) {
            throw ControlPlaneException.forbidden("the role " + caller.role().json() + " may not grant " + granted.json());
        }
        keepAnOwner(target, granted != Role.OWNER);
        db.inTransaction(connection -> {
            Db.update(connection, "UPDATE users SET role = ? WHERE id = ?", granted.json(), userId);
            publish(connection, "user.role_changed", caller, organizationId, userId,
                    Map.of("role", granted.json(), "previous_role", target.role().json()));
            return null;
        });
        authenticator.invalidateVerifiedKeys();
        return load(organizationId, userId);
    }

    @Override
    public User suspend(Caller caller, String organizationId, String userId) {
        User target = target(caller, organizationId, userId, "suspend themselves");
        keepAnOwner(target, true);
        Instant now = clock.instant();
        db.inTransaction(connection -> {
            Invitations.revokeAll(connection, userId, now);
            Db.update(connection, "UPDATE users SET status = 'suspended' WHERE id = ?", userId);
            publish(connection, "user.suspended", caller, organizationId, userId, Map.of("previous_status", target.status()));
            return null;
        });
        authenticator.invalidateVerifiedKeys();
        return load(organizationId, userId);
    }

    @Override
    public void remove(Caller caller, String organizationId, String userId) {
        User target = target(caller, organizationId, userId, "remove themselves");
        keepAnOwner(target, true);
        Instant now = clock.instant();
        db.inTransaction(connection -> {
            Invitations.revokeAll(connection, userId, now);
            Db.update(connection, "UPDATE api_keys SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", now, userId);
            Db.update(connection, "UPDATE auth_sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", now, userId);
            Db.update(connection, "UPDATE users SET status = 'removed' WHERE id = ?", userId);
            publish(connection, "user.removed", caller, organizationId, userId, Map.of("previous_role", target.role().json()));
            return null;
        });
        authenticator.invalidateVerifiedKeys();
    }

    /**
     * Offers the committed invitation to the delivery service; the token goes to the inviter unless it was
     * sent. Neither the token nor a delivery failure's message (it might quote the token) is logged.
     */
    private InvitedUser deliver(User user, String token) {
        InvitationDelivery current = delivery;
        if (current != null) {
            try {
                if (current.deliver(user, token)) {
                    return new InvitedUser(user, null, true);
                }
            } catch (RuntimeException ex) {
                LOG.warn("Delivering the invitation of user {} failed ({}); the token goes to the inviter", user.id(),
                        ex.getClass().getName());
            }
        }
        return new InvitedUser(user, token, false);
    }

    private void authorize(Caller caller, String organizationId) {
        Access.requireMember(caller, organizationId, "organization");
        Access.require(caller, Permission.MANAGE_USERS, "users:manage");
    }

    /** The user to act on: not the caller, and an owner or admin only by an owner. */
    private User target(Caller caller, String organizationId, String userId, String what) {
        authorize(caller, organizationId);
        User result = load(organizationId, userId);
        if (result.id().equals(caller.identity().userId())) {
            throw ControlPlaneException.forbidden("a user cannot " + what);
        }
        if ((result.role() == Role.OWNER || result.role() == Role.ADMIN) && caller.role() != Role.OWNER) {
            throw ControlPlaneException.forbidden("only an owner may change an owner or admin");
        }
        return result;
    }

    private void keepAnOwner(User target, boolean losesOwnership) {
        if (target.role() != Role.OWNER || !losesOwnership) {
            return;
        }
        int owners = db.queryOne("SELECT COUNT(*) FROM users WHERE org_id = ? AND role = 'owner' AND status = 'active'",
                row -> row.getInt(1), target.organizationId()).orElse(0);
        if (owners <= 1) {
            throw new ControlPlaneException(ControlPlaneException.Reason.CONFLICT, "an organization keeps at least one owner");
        }
    }

    private User load(String organizationId, String userId) {
        return db.queryOne(SELECT + " WHERE id = ? AND org_id = ? AND status <> 'removed'", Rows::user, userId,
                organizationId).orElseThrow(() -> ControlPlaneException.notFound("user"));
    }

    private static Role role(String value) {
        return Role.fromJson(value).orElseThrow(() -> ControlPlaneException.invalid("role", "enum", "unknown role: " + value));
    }

    /** Appends the event inside the change's transaction: it exists exactly when the change was committed. */
    private void publish(Connection transaction, String type, Caller caller, String organizationId, String resourceId,
            Map<String, String> data) throws SQLException {
        events.publish(transaction,
                new DomainEvent(type, organizationId, caller.identity().userId(), resourceId, data, clock.instant()));
    }
}

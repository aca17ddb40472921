package io.hatidata.controlplane;

import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.DomainEvent;
import io.hatidata.api.controlplane.DomainEventPublisher;
import io.hatidata.api.controlplane.LoginResult;
import io.hatidata.api.controlplane.Organization;
import io.hatidata.api.controlplane.TokenService;
import io.hatidata.api.controlplane.Tokens;
import io.hatidata.api.controlplane.User;
import io.hatidata.api.identity.AuthenticationException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Login with e-mail and password (Argon2id), RS256 access tokens (1 h) and rotating refresh tokens (7 d,
 * within an absolute session of 30 d). A refresh token is {@code hdr_<id>.<secret>}; only an Argon2id hash
 * of its secret is stored, and it works once: presenting a used one again revokes its whole session (a
 * stolen token is detected when either party uses it). Failed logins are throttled per e-mail address (5 in
 * 15 minutes) and per client address (20 in 15 minutes).
 *
 * <p>Accepting an invitation ({@link Invitations}) is a login too: the invited user chooses a password
 * ({@link PasswordPolicy}), becomes {@code active}, the token is used up and {@code user.activated} is
 * published in the same transaction, and the answer is the tokens of a new session. Refused invitation
 * tokens count as failures of the client address.
 */
@Component(configurationPid = ControlPlanePids.CONTROL_PLANE, service = TokenService.class)
public final class DefaultTokenService implements TokenService {
    static final Duration REFRESH_LIFETIME = Duration.ofDays(7);
    static final Duration SESSION_LIFETIME = Duration.ofDays(30);
    private static final String FAILED = "invalid e-mail or password";
    private static final String MEMBERSHIPS = "SELECT u.id, u.password_hash, u.org_id FROM users u"
            + " JOIN organizations o ON o.id = u.org_id WHERE u.email = ? AND u.status = 'active' AND o.status = 'active'"
            + " ORDER BY u.created_at, u.id";

    private final Db db;
    private final ApiKeyAuthenticator authenticator;
    private final AccessTokens tokens;
    private final DomainEventPublisher events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final FailureThrottle emails;
    private final FailureThrottle addresses;

    @Activate
    public DefaultTokenService(@Reference(name = "dataSource") DataSource dataSource,
            @Reference ApiKeyAuthenticator authenticator, @Reference AccessTokens tokens,
            @Reference DomainEventPublisher events) {
        this(dataSource, authenticator, tokens, events, Clock.systemUTC());
    }

    DefaultTokenService(DataSource dataSource, ApiKeyAuthenticator authenticator, AccessTokens tokens,
            DomainEventPublisher events, Clock clock) {
        this.db = new Db(dataSource);
        this.authenticator = authenticator;
        this.tokens = tokens;
        this.events = events;
        this.clock = clock;
        this.emails = new FailureThrottle(5, Duration.ofMinutes(15), clock);
        this.addresses = new FailureThrottle(20, Duration.ofMinutes(15), clock);
    }

    @Override
    public LoginResult login(String email, String password, String organizationId, String environment, String remoteAddress) {
        String emailKey = Access.email(email, "email").toLowerCase(Locale.ROOT);
        Access.required(password, "password", 1024);
        throttled(emailKey, remoteAddress);
        List<String[]> memberships = db.query(MEMBERSHIPS,
                row -> new String[] {row.getString(1), row.getString(2), row.getString(3)}, email.trim());
        String[] chosen = memberships.stream()
                .filter(each -> organizationId == null || organizationId.equals(each[2]))
                .findFirst().orElse(null);
        boolean matches;
        try {
            matches = authenticator.matches(password, chosen == null ? null : chosen[1]);
        } catch (AuthenticationException ex) {
            throw new ControlPlaneException(ControlPlaneException.Reason.UNAVAILABLE, ex.getMessage());
        }
        if (!matches) {
            emails.fail(emailKey);
            addresses.fail(remoteAddress);
            throw new ControlPlaneException(ControlPlaneException.Reason.UNAUTHORIZED, FAILED);
        }
        emails.clear(emailKey);
        String userId = chosen[0];
        String orgId = chosen[2];
        String environmentId = db.queryOne("SELECT id FROM environments WHERE org_id = ? AND status <> 'deleted'"
                + " AND (? = '' OR id = ? OR name = ? OR slug = ?) ORDER BY created_at, id FETCH FIRST 1 ROWS ONLY",
                row -> row.getString(1), orgId, nullToEmpty(environment), nullToEmpty(environment),
                nullToEmpty(environment), nullToEmpty(environment))
                .orElseThrow(() -> ControlPlaneException.invalid("environment", "exists", "no such environment"));
        Instant now = clock.instant();
        Tokens issued = db.inTransaction(connection -> startSession(connection, userId, orgId, environmentId, now));
        return result(issued, userId, orgId, environmentId);
    }

    @Override
    public LoginResult acceptInvitation(String invitationToken, String password, String name, String remoteAddress) {
        throttled(null, remoteAddress);
        String token = Access.required(invitationToken, "token", 200);
        PasswordPolicy.require(password, "password");
        String displayName = name == null ? null : Access.required(name, "name", 200);
        Instant now = clock.instant();
        Invitations.Pending pending = Invitations.find(db, token).orElse(null);
        String problem = pending == null ? "invalid invitation token" : pending.problem(now);
        if (problem != null) {
            addresses.fail(remoteAddress);
            throw new ControlPlaneException(ControlPlaneException.Reason.UNAUTHORIZED, problem);
        }
        String passwordHash = authenticator.hash(password);
        String userId = pending.userId();
        String orgId = pending.organizationId();
        Accepted accepted = db.inTransaction(connection -> {
            // the conditions are checked again here: a concurrent accept, resend or suspension wins or loses whole
            if (!Invitations.use(connection, pending.tokenHash(), now) || activate(connection, userId, passwordHash,
                    displayName) != 1) {
                throw new ControlPlaneException(ControlPlaneException.Reason.UNAUTHORIZED, "the invitation is no longer valid");
            }
            String environmentId = Db.query(connection, "SELECT id FROM environments WHERE org_id = ?"
                    + " AND status <> 'deleted' ORDER BY created_at, id FETCH FIRST 1 ROWS ONLY", row -> row.getString(1),
                    orgId).stream().findFirst().orElseThrow(() -> new ControlPlaneException(
                            ControlPlaneException.Reason.CONFLICT, "the organization has no environment to log in to"));
            String role = Db.query(connection, "SELECT role FROM users WHERE id = ?", row -> row.getString(1), userId).get(0);
            events.publish(connection, new DomainEvent("user.activated", orgId, userId, userId,
                    Map.of("role", role, "via", "invitation"), now));
            return new Accepted(startSession(connection, userId, orgId, environmentId, now), environmentId);
        });
        return result(accepted.tokens(), userId, orgId, accepted.environmentId());
    }

    private record Accepted(Tokens tokens, String environmentId) {}

    /** Sets the password (and the name, when given) of a user who is still invited and makes them active. */
    private static int activate(Connection connection, String userId, String passwordHash, String displayName)
            throws SQLException {
        String set = "UPDATE users SET password_hash = ?, status = 'active', invitation_expires_at = NULL";
        return displayName == null
                ? Db.update(connection, set + " WHERE id = ? AND status = 'invited'", passwordHash, userId)
                : Db.update(connection, set + ", name = ?, user_name = ? WHERE id = ? AND status = 'invited'",
                        passwordHash, displayName, displayName, userId);
    }

    @Override
    public Tokens refresh(String refreshToken, String remoteAddress) {
        throttled(null, remoteAddress);
        String token = Access.required(refreshToken, "refresh_token", 200);
        int dot = token.indexOf('.');
        if (!token.startsWith("hdr_") || dot < 0) {
            return refused(remoteAddress);
        }
        String id = token.substring(4, dot);
        String secret = token.substring(dot + 1);
        List<Object[]> rows = db.query("SELECT r.token_hash, r.used_at, r.expires_at, s.id, s.started_at, s.revoked_at"
                + " FROM refresh_tokens r JOIN auth_sessions s ON s.id = r.session_id"
                + " JOIN users u ON u.id = s.user_id JOIN organizations o ON o.id = s.org_id"
                + " WHERE r.id = ? AND u.status = 'active' AND o.status = 'active'",
                row -> new Object[] {row.getString(1), row.getTimestamp(2), row.getTimestamp(3), row.getString(4),
                        row.getTimestamp(5), row.getTimestamp(6)}, id);
        boolean matches;
        try {
            matches = authenticator.matches(secret, rows.isEmpty() ? null : (String) rows.get(0)[0]);
        } catch (AuthenticationException ex) {
            throw new ControlPlaneException(ControlPlaneException.Reason.UNAVAILABLE, ex.getMessage());
        }
        if (!matches) {
            return refused(remoteAddress);
        }
        Object[] row = rows.get(0);
        String sessionId = (String) row[3];
        Instant now = clock.instant();
        if (row[1] != null) {
            // a used refresh token came back: someone kept a copy, so end the whole session
            db.update("UPDATE auth_sessions SET revoked_at = ? WHERE id = ?", now, sessionId);
            return refused(remoteAddress);
        }
        Instant expiresAt = ((java.sql.Timestamp) row[2]).toInstant();
        Instant startedAt = ((java.sql.Timestamp) row[4]).toInstant();
        if (row[5] != null || !now.isBefore(expiresAt) || !now.isBefore(startedAt.plus(SESSION_LIFETIME))) {
            return refused(remoteAddress);
        }
        return db.inTransaction(connection -> {
            if (Db.update(connection, "UPDATE refresh_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL", now, id) != 1) {
                throw new ControlPlaneException(ControlPlaneException.Reason.UNAUTHORIZED, "invalid refresh token");
            }
            return issue(connection, sessionId, now);
        });
    }

    @Override
    public String jsonWebKeySet() {
        return tokens.jsonWebKeySet();
    }

    /** Starts a session of the user bound to the environment and issues its first tokens. */
    private Tokens startSession(Connection connection, String userId, String orgId, String environmentId, Instant now)
            throws SQLException {
        String sessionId = Ids.newId(random, "sess_", 16);
        Db.update(connection, "INSERT INTO auth_sessions (id, user_id, org_id, environment_id, started_at)"
                + " VALUES (?, ?, ?, ?, ?)", sessionId, userId, orgId, environmentId, now);
        Db.update(connection, "UPDATE users SET last_login = ? WHERE id = ?", now, userId);
        return issue(connection, sessionId, now);
    }

    private LoginResult result(Tokens issued, String userId, String orgId, String environmentId) {
        User user = db.queryOne("SELECT " + Rows.USER + " FROM users WHERE id = ?", Rows::user, userId).orElseThrow();
        Organization organization = db.queryOne("SELECT " + Rows.ORGANIZATION + " FROM organizations WHERE id = ?",
                Rows::organization, orgId).orElseThrow();
        return new LoginResult(issued, user, organization, environmentId);
    }

    private Tokens issue(Connection connection, String sessionId, Instant now) throws SQLException {
        Object[] session = Db.query(connection, "SELECT s.user_id, s.org_id, s.environment_id, s.started_at, u.role, e.name"
                + " FROM auth_sessions s JOIN users u ON u.id = s.user_id JOIN environments e ON e.id = s.environment_id"
                + " WHERE s.id = ?", row -> new Object[] {row.getString(1), row.getString(2), row.getString(3),
                        row.getTimestamp(4).toInstant(), row.getString(5), row.getString(6)}, sessionId).get(0);
        Instant sessionEnd = ((Instant) session[3]).plus(SESSION_LIFETIME);
        Instant refreshEnd = now.plus(REFRESH_LIFETIME).isBefore(sessionEnd) ? now.plus(REFRESH_LIFETIME) : sessionEnd;
        String id = Ids.newId(random, "", 20);
        byte[] secretBytes = new byte[32];
        random.nextBytes(secretBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        Db.update(connection, "INSERT INTO refresh_tokens (id, session_id, token_hash, created_at, expires_at)"
                + " VALUES (?, ?, ?, ?, ?)", id, sessionId, authenticator.hash(secret), now, refreshEnd);
        String access = tokens.issue(new AccessTokens.Claims((String) session[0], (String) session[1], (String) session[4],
                (String) session[2], (String) session[5], sessionId, null));
        return new Tokens(access, "hdr_" + id + "." + secret, tokens.lifetimeSeconds());
    }

    private void throttled(String emailKey, String remoteAddress) {
        long wait = Math.max(emailKey == null ? 0 : emails.retryAfterSeconds(emailKey), addresses.retryAfterSeconds(remoteAddress));
        if (wait > 0) {
            throw new ControlPlaneException(ControlPlaneException.Reason.RATE_LIMITED,
                    "too many failed attempts; try again later", Map.of(), wait);
        }
    }

    private Tokens refused(String remoteAddress) {
        addresses.fail(remoteAddress);
        throw new ControlPlaneException(ControlPlaneException.Reason.UNAUTHORIZED, "invalid refresh token");
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text.trim();
    }
}

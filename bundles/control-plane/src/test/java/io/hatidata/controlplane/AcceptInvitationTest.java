package io.hatidata.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.ControlPlaneException.Reason;
import io.hatidata.api.controlplane.DomainEvent;
import io.hatidata.api.controlplane.InvitedUser;
import io.hatidata.api.controlplane.LoginResult;
import io.hatidata.api.controlplane.Role;
import io.hatidata.api.controlplane.User;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Invitations end to end through {@link DefaultUserService} and {@link DefaultTokenService}, on a driven clock. */
class AcceptInvitationTest {
    private static final String PASSWORD = "a long new password";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.now());
    private TestStore store;
    private DefaultUserService users;
    private DefaultTokenService login;
    private Caller owner;
    private String orgId;

    @BeforeEach
    void start() throws Exception {
        store = new TestStore(dir);
        users = new DefaultUserService(store.dataSource, store.authenticator, store.publisher, clock);
        login = new DefaultTokenService(store.dataSource, store.authenticator, store.tokens, store.publisher, clock);
        owner = store.owner();
        orgId = owner.identity().organizationId();
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void theInviteeSetsAPasswordIsLoggedInAndTheTokenWorksOnce() throws Exception {
        InvitedUser invited = users.invite(owner, orgId, "new@example.com", "New", "developer");
        String token = invited.invitationToken();
        assertTrue(Invitations.isWellFormed(token));
        assertFalse(invited.delivered());
        assertFalse(invited.toString().contains(token));
        assertEquals(clock.instant().plus(Duration.ofDays(7)), invited.user().invitationExpiresAt());
        assertEquals(List.of(Invitations.hash(token)), storedValues(), "only the hash is stored");
        DomainEvent invitedEvent = store.events.get(store.events.size() - 1);
        assertEquals("user.invited", invitedEvent.type());
        assertEquals(Map.of("role", "developer"), invitedEvent.data(), "the event does not carry the token");

        LoginResult result = login.acceptInvitation(token, PASSWORD, "New Name", "10.0.0.1");
        assertEquals("active", result.user().status());
        assertEquals("New Name", result.user().name());
        assertEquals(Role.DEVELOPER, result.user().role());
        assertNull(result.user().invitationExpiresAt());
        assertEquals(orgId, result.organization().id());
        assertEquals(owner.identity().environmentId(), result.environmentId());
        Caller caller = store.caller(result.tokens().accessToken());
        assertEquals(invited.user().id(), caller.identity().userId());
        assertTrue(result.tokens().refreshToken().startsWith("hdr_"));
        DomainEvent activated = store.events.get(store.events.size() - 1);
        assertEquals("user.activated", activated.type());
        assertEquals(invited.user().id(), activated.actorId());
        assertEquals(invited.user().id(), activated.resourceId());
        assertEquals(Map.of("role", "developer", "via", "invitation"), activated.data());

        assertEquals(invited.user().id(), login.login("new@example.com", PASSWORD, null, null, "10.0.0.1").user().id());
        assertEquals("the invitation was already accepted",
                refused(Reason.UNAUTHORIZED, () -> login.acceptInvitation(token, "another password!", null, "10.0.0.1")));
        assertEquals(invited.user().id(), login.login("new@example.com", PASSWORD, null, null, "10.0.0.1").user().id(),
                "a second accept changes nothing");
    }

    @Test
    void anInvitationExpiresAfterSevenDays() {
        String early = users.invite(owner, orgId, "early@example.com", null, null).invitationToken();
        String late = users.invite(owner, orgId, "late@example.com", null, null).invitationToken();
        clock.advance(Duration.ofDays(7).minusSeconds(1));
        assertEquals("active", login.acceptInvitation(early, PASSWORD, null, "10.0.0.1").user().status());
        clock.advance(Duration.ofSeconds(1));
        assertEquals("the invitation has expired; ask for a new one",
                refused(Reason.UNAUTHORIZED, () -> login.acceptInvitation(late, PASSWORD, null, "10.0.0.1")));
    }

    @Test
    void aResendReplacesTheTokenAndRenewsTheExpiry() throws Exception {
        InvitedUser first = users.invite(owner, orgId, "again@example.com", null, "analyst");
        clock.advance(Duration.ofDays(6));
        InvitedUser second = users.resendInvitation(owner, orgId, first.user().id());
        assertEquals(clock.instant().plus(Duration.ofDays(7)), second.user().invitationExpiresAt());
        assertEquals(Map.of("role", "analyst", "resent", "true"), store.events.get(store.events.size() - 1).data());
        clock.advance(Duration.ofDays(2));
        assertEquals("the invitation was replaced by a newer one or withdrawn",
                refused(Reason.UNAUTHORIZED, () -> login.acceptInvitation(first.invitationToken(), PASSWORD, null, "10.0.0.1")));
        assertEquals("active", login.acceptInvitation(second.invitationToken(), PASSWORD, null, "10.0.0.1").user().status());
        refused(Reason.CONFLICT, () -> users.resendInvitation(owner, orgId, first.user().id()));

        InvitedUser admin = users.invite(owner, orgId, "admin@example.com", null, "admin");
        refused(Reason.FORBIDDEN, () -> users.resendInvitation(store.as(Role.ADMIN), orgId, admin.user().id()));
        refused(Reason.FORBIDDEN, () -> users.resendInvitation(store.as(Role.ANALYST), orgId, admin.user().id()));
        refused(Reason.CONFLICT, () -> users.invite(owner, orgId, "admin@example.com", null, "admin"));
    }

    @Test
    void anInviteeWhoWasSuspendedOrRemovedCannotAccept() {
        InvitedUser suspended = users.invite(owner, orgId, "s@example.com", null, null);
        InvitedUser removed = users.invite(owner, orgId, "r@example.com", null, null);
        users.suspend(owner, orgId, suspended.user().id());
        users.remove(owner, orgId, removed.user().id());
        refused(Reason.UNAUTHORIZED, () -> login.acceptInvitation(suspended.invitationToken(), PASSWORD, null, "10.0.0.1"));
        refused(Reason.UNAUTHORIZED, () -> login.acceptInvitation(removed.invitationToken(), PASSWORD, null, "10.0.0.1"));
        assertEquals("suspended", users.get(owner, orgId, suspended.user().id()).status());
        refused(Reason.UNAUTHORIZED, () -> login.login("s@example.com", PASSWORD, null, null, "10.0.0.1"));
    }

    @Test
    void aPasswordOutsideThePolicyLeavesTheTokenUsable() {
        String token = users.invite(owner, orgId, "p@example.com", null, null).invitationToken();
        refused(Reason.VALIDATION, () -> login.acceptInvitation(token, "too short", null, "10.0.0.1"));
        refused(Reason.VALIDATION, () -> login.acceptInvitation(token, null, null, "10.0.0.1"));
        refused(Reason.VALIDATION, () -> login.acceptInvitation(token, PASSWORD, " ", "10.0.0.1"));
        assertEquals("p", login.acceptInvitation(token, PASSWORD, null, "10.0.0.1").user().name());
    }

    @Test
    void unknownTokensAreRefusedAndThrottledPerAddress() {
        String valid = users.invite(owner, orgId, "t@example.com", null, null).invitationToken();
        String unknown = Invitations.newToken(new java.security.SecureRandom());
        for (int i = 0; i < 19; i++) {
            refused(Reason.UNAUTHORIZED, () -> login.acceptInvitation(unknown, PASSWORD, null, "10.0.0.9"));
        }
        assertEquals("invalid invitation token",
                refused(Reason.UNAUTHORIZED, () -> login.acceptInvitation("garbage", PASSWORD, null, "10.0.0.9")));
        ControlPlaneException limited = assertThrows(ControlPlaneException.class,
                () -> login.acceptInvitation(valid, PASSWORD, null, "10.0.0.9"));
        assertEquals(Reason.RATE_LIMITED, limited.reason());
        assertTrue(limited.retryAfterSeconds() > 0);
        assertEquals("active", login.acceptInvitation(valid, PASSWORD, null, "10.0.0.10").user().status(),
                "other addresses are not held back");
    }

    @Test
    void aDeliveryServiceGetsTheTokenAndTheInviterDoesNot() {
        List<String> sent = new ArrayList<>();
        users.setDelivery((user, token) -> {
            sent.add(user.email() + " " + token);
            return true;
        });
        InvitedUser delivered = users.invite(owner, orgId, "d@example.com", null, null);
        assertTrue(delivered.delivered());
        assertNull(delivered.invitationToken());
        assertEquals(1, sent.size());
        String token = sent.get(0).substring("d@example.com ".length());
        assertEquals("active", login.acceptInvitation(token, PASSWORD, null, "10.0.0.1").user().status());

        users.setDelivery((user, t) -> {
            throw new IllegalStateException("mail server down");
        });
        InvitedUser failed = users.invite(owner, orgId, "f@example.com", null, null);
        assertFalse(failed.delivered());
        assertNotNull(failed.invitationToken(), "a failed delivery leaves the token to the inviter");
        users.setDelivery((user, t) -> false);
        assertNotNull(users.resendInvitation(owner, orgId, failed.user().id()).invitationToken());
    }

    @Test
    void anOrganizationWithoutEnvironmentsKeepsTheInvitationOpen() throws Exception {
        User user = users.invite(owner, orgId, "e@example.com", null, null).user();
        String token = users.resendInvitation(owner, orgId, user.id()).invitationToken();
        try (Connection connection = store.dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE environments SET status = 'deleted' WHERE org_id = '" + orgId + "'");
        }
        refused(Reason.CONFLICT, () -> login.acceptInvitation(token, PASSWORD, null, "10.0.0.1"));
        assertEquals("invited", users.get(owner, orgId, user.id()).status(), "the failed accept was rolled back");
        try (Connection connection = store.dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE environments SET status = 'active' WHERE org_id = '" + orgId + "'");
        }
        assertEquals("active", login.acceptInvitation(token, PASSWORD, null, "10.0.0.1").user().status());
    }

    /** Every stored value of the invitation table's token column. */
    private List<String> storedValues() throws Exception {
        List<String> result = new ArrayList<>();
        try (Connection connection = store.dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT token_hash FROM user_invitations")) {
            while (rows.next()) {
                result.add(rows.getString(1));
            }
        }
        return result;
    }

    private static String refused(Reason reason, Executable call) {
        ControlPlaneException ex = assertThrows(ControlPlaneException.class, call);
        assertEquals(reason, ex.reason(), ex.getMessage());
        return ex.getMessage();
    }
}

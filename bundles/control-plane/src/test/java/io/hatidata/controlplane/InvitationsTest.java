package io.hatidata.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InvitationsTest {
    private static final Instant NOW = Instant.parse("2026-02-16T10:00:00Z");

    @Test
    void tokensAreUrlSafeAndCarry256RandomBits() {
        SecureRandom random = new SecureRandom();
        String token = Invitations.newToken(random);
        assertTrue(token.startsWith("hd_inv_"), token.substring(0, 7));
        assertEquals(7 + 43, token.length(), "32 bytes in unpadded base64url");
        assertTrue(token.substring(7).matches("[A-Za-z0-9_-]+"));
        assertTrue(Invitations.isWellFormed(token));
        assertNotEquals(token, Invitations.newToken(random));
        assertFalse(Invitations.isWellFormed("hd_inv_short"));
        assertFalse(Invitations.isWellFormed("hd_live_" + "a".repeat(43)));
        assertFalse(Invitations.isWellFormed(null));
    }

    @Test
    void onlyTheSha256OfATokenIsKept() {
        // SHA-256("abc"), FIPS 180-2 test vector
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Invitations.hash("abc"));
        String token = Invitations.newToken(new SecureRandom());
        String hash = Invitations.hash(token);
        assertEquals(64, hash.length());
        assertFalse(hash.contains(token.substring(7, 20)));
    }

    @Test
    void aPendingInvitationNamesWhyItCannotBeAccepted() {
        Instant expires = NOW.plusSeconds(60);
        assertNull(pending("invited", "active", expires, null, null).problem(NOW));
        assertEquals("the invitation has expired; ask for a new one",
                pending("invited", "active", expires, null, null).problem(expires));
        assertEquals("the invitation was already accepted",
                pending("active", "active", expires, NOW, null).problem(NOW));
        assertEquals("the invitation was replaced by a newer one or withdrawn",
                pending("invited", "active", expires, null, NOW).problem(NOW));
        assertEquals("the invitation is no longer valid", pending("suspended", "active", expires, null, null).problem(NOW));
        assertEquals("the invitation is no longer valid", pending("invited", "suspended", expires, null, null).problem(NOW));
    }

    private static Invitations.Pending pending(String userStatus, String organizationStatus, Instant expiresAt,
            Instant usedAt, Instant revokedAt) {
        return new Invitations.Pending("h", "usr_1", "org_1", userStatus, organizationStatus, expiresAt, usedAt, revokedAt);
    }
}

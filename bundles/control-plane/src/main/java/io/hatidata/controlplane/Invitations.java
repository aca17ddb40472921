package io.hatidata.controlplane;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One-time invitation tokens: {@value #PREFIX} and 43 base64url characters (256 random bits). Only the
 * SHA-256 of a token is stored. A slow hash (Argon2id, as for passwords) buys nothing for a secret of 256
 * random bits, which no dictionary or brute force reaches, while a fast one lets a token be found by its hash
 * in an index without an identifier inside the token, and keeps an unauthenticated endpoint from being a
 * lever to make the server run Argon2id on demand. The stored hash is compared to the presented one in
 * constant time after the index lookup.
 */
final class Invitations {
    static final String PREFIX = "hd_inv_";
    static final Duration LIFETIME = Duration.ofDays(7);
    private static final int SECRET_BYTES = 32;
    private static final Pattern FORMAT = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_-]{43}");

    /** A stored invitation with the states of its user and organization. */
    record Pending(String tokenHash, String userId, String organizationId, String userStatus, String organizationStatus,
            Instant expiresAt, Instant usedAt, Instant revokedAt) {

        /** Why the invitation cannot be accepted at {@code now}, or {@code null} when it can. */
        String problem(Instant now) {
            if (usedAt != null) {
                return "the invitation was already accepted";
            }
            if (revokedAt != null) {
                return "the invitation was replaced by a newer one or withdrawn";
            }
            if (!now.isBefore(expiresAt)) {
                return "the invitation has expired; ask for a new one";
            }
            if (!"invited".equals(userStatus) || !"active".equals(organizationStatus)) {
                return "the invitation is no longer valid";
            }
            return null;
        }
    }

    private Invitations() {}

    static String newToken(SecureRandom random) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static boolean isWellFormed(String token) {
        return token != null && FORMAT.matcher(token).matches();
    }

    /** The lowercase hex SHA-256 of the token. */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every Java runtime has SHA-256", ex);
        }
    }

    /** Withdraws the user's outstanding tokens and stores a new one valid until {@code expiresAt}; returns it. */
    static String issue(Connection connection, SecureRandom random, String userId, String organizationId,
            String invitedBy, Instant now, Instant expiresAt) throws SQLException {
        revokeAll(connection, userId, now);
        String token = newToken(random);
        Db.update(connection, "INSERT INTO user_invitations (token_hash, user_id, org_id, invited_by, created_at,"
                + " expires_at) VALUES (?, ?, ?, ?, ?, ?)", hash(token), userId, organizationId,
                invitedBy == null ? "" : invitedBy, now, expiresAt);
        return token;
    }

    /** Withdraws every unused token of the user. */
    static void revokeAll(Connection connection, String userId, Instant now) throws SQLException {
        Db.update(connection, "UPDATE user_invitations SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL"
                + " AND used_at IS NULL", now, userId);
    }

    /** The invitation of a token, if it is one this store issued. */
    static Optional<Pending> find(Db db, String token) {
        if (!isWellFormed(token)) {
            return Optional.empty();
        }
        String presented = hash(token);
        List<Pending> rows = db.query("SELECT i.token_hash, i.user_id, i.org_id, u.status, o.status, i.expires_at,"
                + " i.used_at, i.revoked_at FROM user_invitations i JOIN users u ON u.id = i.user_id"
                + " JOIN organizations o ON o.id = i.org_id WHERE i.token_hash = ?",
                row -> new Pending(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), instant(row.getTimestamp(6)), instant(row.getTimestamp(7)),
                        instant(row.getTimestamp(8))), presented);
        if (rows.isEmpty() || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.US_ASCII),
                rows.get(0).tokenHash().getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return Optional.of(rows.get(0));
    }

    /** Marks the token used if it is still unused, not withdrawn and not expired at {@code now}. */
    static boolean use(Connection connection, String tokenHash, Instant now) throws SQLException {
        return Db.update(connection, "UPDATE user_invitations SET used_at = ? WHERE token_hash = ? AND used_at IS NULL"
                + " AND revoked_at IS NULL AND expires_at > ?", now, tokenHash, now) == 1;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

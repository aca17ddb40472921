package io.hatidata.api.provisioning;

import io.hatidata.api.controlplane.Role;
import java.time.Instant;
import java.util.Objects;

/**
 * A just-in-time access request and, once approved, the time-boxed elevation it grants (SPEC §2.8.1).
 *
 * @param id {@code jit_…}
 * @param organizationId the organization
 * @param environmentId the environment the elevation applies to, or {@code null} for the whole organization
 *     (the organization-scoped SDK form)
 * @param requesterId the user who asked
 * @param requesterKeyId the API key the request was made with (the elevated principal), or empty when the
 *     user asked with an access token (then the user's access tokens are elevated)
 * @param requesterEmail the requester's e-mail address
 * @param currentRole the role the requester had when asking, which they return to
 * @param requestedRole the role asked for
 * @param reason why, as the requester wrote it
 * @param durationSeconds how long the elevation lasts once approved
 * @param status {@code pending}, {@code approved}, {@code denied}, {@code expired} or {@code revoked}
 * @param decidedBy who approved or denied (a user id), or {@code null}
 * @param requestedAt when asked
 * @param decidedAt when approved, denied or revoked, or {@code null}
 * @param expiresAt approval time + duration, {@code null} while pending or when denied
 */
public record JitGrant(String id, String organizationId, String environmentId, String requesterId,
        String requesterKeyId, String requesterEmail, Role currentRole, Role requestedRole, String reason,
        long durationSeconds, String status, String decidedBy, Instant requestedAt, Instant decidedAt,
        Instant expiresAt) {
    public static final String PENDING = "pending";
    public static final String APPROVED = "approved";
    public static final String DENIED = "denied";
    public static final String EXPIRED = "expired";
    public static final String REVOKED = "revoked";

    public JitGrant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(requesterId, "requesterId");
        requesterKeyId = requesterKeyId == null ? "" : requesterKeyId;
        requesterEmail = requesterEmail == null ? "" : requesterEmail;
        Objects.requireNonNull(currentRole, "currentRole");
        Objects.requireNonNull(requestedRole, "requestedRole");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    /** Whether the elevation is in force at {@code now}. */
    public boolean activeAt(Instant now) {
        return APPROVED.equals(status) && expiresAt != null && now.isBefore(expiresAt);
    }
}

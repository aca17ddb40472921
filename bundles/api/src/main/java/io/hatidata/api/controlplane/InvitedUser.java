package io.hatidata.api.controlplane;

/**
 * An invitation that was just issued: the invited user and, unless an {@link InvitationDelivery} sent it
 * to the invitee, the one-time token that accepts it ({@code hd_inv_…}), which is never shown again.
 * {@link #toString()} does not show the token.
 *
 * @param user the invited user ({@code status: invited}, with its {@code invitationExpiresAt})
 * @param invitationToken the token for the inviter to pass on, or {@code null} when {@code delivered}
 * @param delivered whether an {@link InvitationDelivery} sent the token to the invitee
 */
public record InvitedUser(User user, String invitationToken, boolean delivered) {
    @Override
    public String toString() {
        return "InvitedUser[user=" + user + ", invitationToken=" + (invitationToken == null ? "null" : "<redacted>")
                + ", delivered=" + delivered + "]";
    }
}

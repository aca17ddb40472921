package io.hatidata.api.controlplane;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Sends an invitation to its invitee (by e-mail or any other channel), registered as a service by a
 * bundle that knows how. It is called after the invitation is committed, at most once per issued token.
 * Without such a service, or when it declines or fails, the token goes back to the inviter in the invite
 * response. An implementation must never log the token.
 */
@ConsumerType
public interface InvitationDelivery {

    /**
     * Delivers the invitation.
     *
     * @param user the invited user: e-mail address, name, role, organization and {@code invitationExpiresAt}
     * @param invitationToken the one-time token that accepts the invitation
     * @return {@code true} when the invitee was sent the token; {@code false} to leave it to the inviter
     * @throws RuntimeException when sending failed; the token then goes to the inviter
     */
    boolean deliver(User user, String invitationToken);
}

package io.hatidata.api.controlplane;

import org.osgi.annotation.versioning.ProviderType;

/** Users of an organization (SPEC §2.3); every method needs the manage-users permission. */
@ProviderType
public interface UserService {

    /**
     * Invites a user ({@code status: invited}, invitation valid 7 days); role defaults to analyst. The
     * result carries the one-time token that {@link TokenService#acceptInvitation} takes.
     */
    InvitedUser invite(Caller caller, String organizationId, String email, String name, String role);

    /**
     * Issues a new invitation token to a user who is still {@code invited}, valid 7 days from now; the
     * earlier tokens stop working. Only a caller who may grant the user's role may do this. A user who is no
     * longer invited is {@code CONFLICT}.
     */
    InvitedUser resendInvitation(Caller caller, String organizationId, String userId);

    /** {@code role} and {@code status} filter when not {@code null}. */
    Page<User> list(Caller caller, String organizationId, String role, String status, PageRequest page);

    User get(Caller caller, String organizationId, String userId);

    /** Elevation rules: only an owner grants owner or admin; nobody changes their own role. */
    User changeRole(Caller caller, String organizationId, String userId, String role);

    /** Suspends a user: their keys and tokens stop working. */
    User suspend(Caller caller, String organizationId, String userId);

    /** Removes a user and revokes their keys. The last owner cannot be removed or suspended. */
    void remove(Caller caller, String organizationId, String userId);
}

package io.hatidata.api.provisioning;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.Page;
import io.hatidata.api.controlplane.PageRequest;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Just-in-time access (SPEC §2.8.1): any member asks for a role for a while; an owner or admin other
 * than the requester approves or denies; the elevation applies at once to the requesting credential (on
 * REST and on the wire) and ends by itself at {@code expires_at}, or earlier on revoke. Requests of other
 * organizations (and, for API keys, other environments) are {@code NOT_FOUND}.
 *
 * <p>Each step appends an event ({@code jit.requested}, {@code jit.approved}, {@code jit.denied},
 * {@code jit.revoked}, {@code jit.expired}) in the transaction that makes it.
 */
@ProviderType
public interface JitAccessService {

    /**
     * Asks for a role.
     *
     * @param organizationId the organization (from the path)
     * @param environmentId the environment the elevation is for, or {@code null} for the whole organization
     * @param requestedRole the role's JSON value
     * @param durationSeconds how long the elevation lasts once approved
     */
    JitGrant request(Caller caller, String organizationId, String environmentId, String requestedRole, String reason,
            long durationSeconds);

    /** The organization of an environment the caller may see, else {@code NOT_FOUND}. */
    String organizationOf(Caller caller, String environmentId);

    /**
     * Requests of the organization (or of one environment, when {@code environmentId} is given), newest
     * first; owners, admins and auditors see every request, other members their own.
     *
     * @param status one status to keep, or {@code null}
     */
    Page<JitGrant> list(Caller caller, String organizationId, String environmentId, String status, PageRequest page);

    JitGrant get(Caller caller, String organizationId, String requestId);

    /** Owner or admin, not the requester; an owner elevation needs an owner. Only a pending request. */
    JitGrant approve(Caller caller, String organizationId, String requestId);

    /** Owner or admin, not the requester. Only a pending request. */
    JitGrant deny(Caller caller, String organizationId, String requestId, String reason);

    /** Owner, admin, or the requester (withdrawing); a pending or approved, unexpired request. */
    JitGrant revoke(Caller caller, String organizationId, String requestId);

    /** The shortest duration this node accepts, in seconds (operator setting; 60 by default). */
    long minimumDurationSeconds();

    /** The longest duration this node accepts, in seconds. */
    long maximumDurationSeconds();
}

package io.hatidata.api.controlplane;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Organizations. A caller sees only its own organization: any other id is {@link
 * ControlPlaneException.Reason#NOT_FOUND}. Every method throws {@link ControlPlaneException}.
 */
@ProviderType
public interface OrganizationService {

    /**
     * Creates an organization whose owner is the calling user (an access-token caller; keys cannot create
     * organizations). Requires {@code name}, {@code slug} (unique) and {@code billingEmail}.
     */
    Organization create(Caller caller, OrganizationChanges organization);

    Organization get(Caller caller, String organizationId);

    /** The organizations the caller belongs to through its credential (one). */
    Page<Organization> list(Caller caller, PageRequest page);

    /** Owner or admin; a change of {@code status} is owner-only. */
    Organization update(Caller caller, String organizationId, OrganizationChanges changes);

    /** Owner only: marks it {@code deleted}; its keys and tokens stop working. */
    void delete(Caller caller, String organizationId);
}

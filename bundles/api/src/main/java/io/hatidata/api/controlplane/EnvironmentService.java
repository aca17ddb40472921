package io.hatidata.api.controlplane;

import org.osgi.annotation.versioning.ProviderType;

/** Environments of an organization. Other organizations' environments are not found. */
@ProviderType
public interface EnvironmentService {

    /** Owner or admin; {@code name} required, {@code slug} derived from it when absent, unique per org. */
    Environment create(Caller caller, String organizationId, EnvironmentChanges environment);

    /** Any member of the organization. */
    Page<Environment> list(Caller caller, String organizationId, PageRequest page);

    Environment get(Caller caller, String environmentId);

    /** Owner or admin. */
    Environment update(Caller caller, String environmentId, EnvironmentChanges changes);

    /** Owner or admin: deletes it and revokes its keys. */
    void delete(Caller caller, String environmentId);
}

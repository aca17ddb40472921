package io.hatidata.api.controlplane;

import org.osgi.annotation.versioning.ProviderType;

/** API keys of an environment (SPEC §2.5); every method needs the manage-API-keys permission. */
@ProviderType
public interface ApiKeyService {
    /** The grace period of a rotation when none is given. */
    int DEFAULT_GRACE_PERIOD_HOURS = 24;

    CreatedApiKey create(Caller caller, String environmentId, NewApiKey key);

    Page<ApiKey> list(Caller caller, String environmentId, PageRequest page);

    ApiKey get(Caller caller, String environmentId, String keyId);

    /**
     * Replaces the key with a new one of the same name, scopes, allowlist, role and expiry; the old key keeps
     * working for {@code gracePeriodHours} (0–720, {@code null}: {@value #DEFAULT_GRACE_PERIOD_HOURS}).
     */
    RotatedApiKey rotate(Caller caller, String environmentId, String keyId, Integer gracePeriodHours);

    /** Revokes the key at once. */
    ApiKey revoke(Caller caller, String environmentId, String keyId);
}

package io.hatidata.api.controlplane;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Agent keys of an organization (SPEC §2.5.1); every method needs the manage-API-keys permission. An API
 * key caller reaches only the agent keys of its own environment.
 */
@ProviderType
public interface AgentKeyService {

    CreatedAgentKey create(Caller caller, String organizationId, NewAgentKey key);

    Page<AgentKey> list(Caller caller, String organizationId, PageRequest page);

    AgentKey get(Caller caller, String organizationId, String keyId);

    /** Changes the given fields ({@code null}: unchanged). */
    AgentKey update(Caller caller, String organizationId, String keyId, String agentName, String description,
            List<String> allowedSchemas, List<String> allowedTables);

    /** As {@link ApiKeyService#rotate}. */
    RotatedApiKey rotate(Caller caller, String organizationId, String keyId, Integer gracePeriodHours);

    ApiKey revoke(Caller caller, String organizationId, String keyId);
}

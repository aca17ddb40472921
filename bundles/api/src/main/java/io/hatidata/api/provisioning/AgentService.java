package io.hatidata.api.provisioning;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.Page;
import io.hatidata.api.controlplane.PageRequest;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The agent registry and agent capabilities of an environment (SPEC §1.6.3, §2.8.2). Reading: owner,
 * admin, auditor; changing: owner, admin (API keys: {@code policies:manage}). Other organizations'
 * environments are {@code NOT_FOUND}.
 */
@ProviderType
public interface AgentService {

    Page<RegisteredAgent> agents(Caller caller, String environmentId, PageRequest page);

    /** By fingerprint or claimed agent id. */
    RegisteredAgent agent(Caller caller, String environmentId, String agent);

    RegisteredAgent changeTrustLevel(Caller caller, String environmentId, String agent, String trustLevel);

    /** @param agent only this agent's (fingerprint or agent id), or {@code null} for all */
    Page<AgentCapability> capabilities(Caller caller, String environmentId, String agent, PageRequest page);

    AgentCapability grant(Caller caller, String environmentId, NewAgentCapability capability);

    AgentCapability change(Caller caller, String environmentId, String capabilityId, NewAgentCapability capability);

    void revoke(Caller caller, String environmentId, String capabilityId);
}

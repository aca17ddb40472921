package io.hatidata.api.controlplane;

import java.util.List;

/**
 * An agent key (SPEC §2.5.1): an {@code hd_agent_} API key of the organization, bound to one of its
 * environments, with the agent's name and framework for attribution. {@code allowedSchemas} and
 * {@code allowedTables} are recorded for the policy stage (empty: no restriction).
 */
public record AgentKey(ApiKey key, String agentName, String framework, String description,
        List<String> allowedSchemas, List<String> allowedTables) {
    public AgentKey {
        allowedSchemas = List.copyOf(allowedSchemas);
        allowedTables = List.copyOf(allowedTables);
    }
}

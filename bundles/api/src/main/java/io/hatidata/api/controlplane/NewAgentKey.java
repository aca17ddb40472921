package io.hatidata.api.controlplane;

import java.util.List;

/**
 * What to create an agent key with. {@code agentName} is required; {@code framework} defaults to
 * {@code custom}; {@code environment} (id, name or slug) defaults to the organization's first environment;
 * {@code scopes} default to the {@code agent} bundle; {@code null} lists mean none.
 */
public record NewAgentKey(String agentName, String framework, String description, List<String> allowedSchemas,
        List<String> allowedTables, String environment, List<String> scopes, Integer expiresInDays) {
    public NewAgentKey {
        allowedSchemas = allowedSchemas == null ? List.of() : List.copyOf(allowedSchemas);
        allowedTables = allowedTables == null ? List.of() : List.copyOf(allowedTables);
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }
}

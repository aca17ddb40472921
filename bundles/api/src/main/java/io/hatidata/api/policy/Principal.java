package io.hatidata.api.policy;

import java.util.Map;
import java.util.Objects;

/**
 * Who a statement is evaluated for by {@link PolicyService#evaluate}: a role, optionally a user or key id
 * (whose stored attributes then apply), session settings such as {@code agent_id} and {@code framework},
 * and attributes that override stored ones.
 */
public record Principal(String role, String userId, String keyId, Map<String, String> settings,
        Map<String, String> attributes) {
    /**
     * The key under which {@link PolicyService#evaluate} leaves {@link #attributes()} in the context's
     * attributes (a {@code Map<String, String>}); row filters let them override stored attributes.
     */
    public static final String ATTRIBUTES = "io.hatidata.api.policy.Principal.attributes";

    public Principal {
        Objects.requireNonNull(role, "role");
        userId = userId == null ? "" : userId;
        keyId = keyId == null ? "" : keyId;
        settings = Map.copyOf(settings);
        attributes = Map.copyOf(attributes);
    }
}

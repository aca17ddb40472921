package io.hatidata.api.provisioning;

import java.time.Instant;

/**
 * An agent of an environment, registered automatically on its first statement (SPEC §1.6.3).
 *
 * @param fingerprint the immutable HatiData-assigned id, {@code hd_agt_} and 8 alphanumerics
 * @param organizationId the organization
 * @param environmentId the environment it connected to
 * @param agentId the name the agent claims ({@code agent_id} / {@code hatidata_agent_id} / {@code X-Agent-Id})
 * @param framework the framework it named, or empty
 * @param trustLevel {@code provisional}, {@code verified}, {@code trusted} or {@code orchestrator}
 * @param registeredBy the user whose credential it first connected with
 * @param firstSeenAt when it registered
 * @param lastSeenAt when it was last seen (updated at most once a minute)
 */
public record RegisteredAgent(String fingerprint, String organizationId, String environmentId, String agentId,
        String framework, String trustLevel, String registeredBy, Instant firstSeenAt, Instant lastSeenAt) {
    public static final java.util.List<String> TRUST_LEVELS = java.util.List.of("provisional", "verified", "trusted",
            "orchestrator");
}

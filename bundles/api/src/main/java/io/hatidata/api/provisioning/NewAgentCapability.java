package io.hatidata.api.provisioning;

import java.time.Instant;
import java.util.List;

/**
 * A capability to grant, or the new content of one to change (every field replaced).
 *
 * @param agent the agent's fingerprint ({@code hd_agt_…}) or its claimed {@code agent_id}
 * @param capability {@code query:read} or {@code query:write}
 * @param tables see {@link AgentCapability#tables()}; {@code null} for none
 * @param schemas see {@link AgentCapability#schemas()}; {@code null} for none
 * @param maxRows {@code null} for no limit
 * @param creditsPerDay {@code null} for no limit
 * @param windowStart {@code HH:MM} UTC, or {@code null}
 * @param windowEnd {@code HH:MM} UTC, or {@code null}
 * @param expiresAt {@code null} for no expiry
 */
public record NewAgentCapability(String agent, String capability, List<String> tables, List<String> schemas,
        Integer maxRows, Integer creditsPerDay, String windowStart, String windowEnd, Instant expiresAt) {}

package io.hatidata.api.provisioning;

import java.time.Instant;
import java.util.List;

/**
 * A structured grant to one agent (SPEC §2.8.2): what it may do, on which tables or schemas, with which
 * limits, when, and until when. An agent with at least one capability may only run what a live capability
 * allows.
 *
 * @param id {@code cap_…}
 * @param environmentId the environment
 * @param fingerprint the agent ({@code hd_agt_…})
 * @param agentId the agent's claimed name, for display
 * @param capability {@code query:read} or {@code query:write} (which includes reading)
 * @param tables tables the grant covers ({@code name} or {@code schema.name}); with {@code schemas} both
 *     empty, every table
 * @param schemas schemas whose every table the grant covers
 * @param maxRows the most rows one statement may return, or {@code null}
 * @param creditsPerDay the credits the agent may spend a day, or {@code null} (recorded; enforced once
 *     metering exists)
 * @param windowStart the start of the daily UTC window ({@code HH:MM}), or {@code null} for all day
 * @param windowEnd the end of the window ({@code HH:MM}, exclusive; before the start means it wraps midnight)
 * @param expiresAt when the grant ends, or {@code null}
 * @param grantedBy the user who granted or last changed it
 * @param createdAt when granted
 * @param updatedAt when last changed
 */
public record AgentCapability(String id, String environmentId, String fingerprint, String agentId, String capability,
        List<String> tables, List<String> schemas, Integer maxRows, Integer creditsPerDay, String windowStart,
        String windowEnd, Instant expiresAt, String grantedBy, Instant createdAt, Instant updatedAt) {
    public AgentCapability {
        tables = List.copyOf(tables);
        schemas = List.copyOf(schemas);
    }
}

package io.hatidata.api.billing;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The credits an agent spent today, for the capability check of {@code credits_per_day} (SPEC §2.8.2). Not
 * a REST service: no caller, the pipeline asks it before a statement runs.
 *
 * @since 1.1.0
 */
@ProviderType
public interface AgentCredits {

    /**
     * The billable credits the agent's statements used on the current UTC day, stored and not yet flushed.
     *
     * @param organizationId the agent's organization
     * @param agentId the agent id its sessions give (as billing attributes usage)
     */
    double usedToday(String organizationId, String agentId);
}

package io.hatidata.api.billing;

import io.hatidata.api.controlplane.Caller;
import java.time.LocalDate;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Usage and quotas of an organization (SPEC §2.11). Reading usage and quotas and changing quotas need
 * the {@code owner} role (the only role with {@code MANAGE_BILLING}) and, for an API key, the scope
 * {@code billing:manage}; a key's or an agent's usage may also be read by roles that manage API keys.
 * Another organization is {@code NOT_FOUND}. Failures are {@link
 * io.hatidata.api.controlplane.ControlPlaneException}s.
 */
@ProviderType
public interface BillingService {

    /**
     * The organization's usage.
     *
     * @param start first day (UTC), or {@code null} for the start of the billing period
     * @param end last day (UTC), or {@code null} for today
     * @param groupBy bucket size, or {@code null} for days
     */
    UsageReport usage(Caller caller, String organizationId, LocalDate start, LocalDate end, Granularity groupBy);

    /** The organization's effective quotas. */
    Quotas quotas(Caller caller, String organizationId);

    /** Changes quotas and alert thresholds (owner only); answers the effective quotas. */
    Quotas updateQuotas(Caller caller, String organizationId, QuotaChanges changes);

    /** One API key's (or agent key's) usage; an unknown key of the organization is {@code NOT_FOUND}. */
    SubjectUsage keyUsage(Caller caller, String organizationId, String keyId, LocalDate start, LocalDate end);

    /** One agent's usage (by the agent id its sessions gave, or its agent key's name). */
    SubjectUsage agentUsage(Caller caller, String organizationId, String agentId, LocalDate start, LocalDate end);
}

package io.hatidata.api.controlplane;

/**
 * The fields of an organization to create or change; {@code null} means "not given" (on create: the
 * default; on update: unchanged). {@code slug} is only read on create, {@code status} only on update.
 */
public record OrganizationChanges(
        String name,
        String slug,
        String billingEmail,
        String cloudRegion,
        Boolean mfaRequired,
        Boolean enforceSso,
        String status) {}

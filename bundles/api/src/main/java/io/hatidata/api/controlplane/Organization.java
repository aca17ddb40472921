package io.hatidata.api.controlplane;

import java.time.Instant;

/** An organization (SPEC §2.2); {@code status} is {@code active}, {@code suspended} or {@code deleted}. */
public record Organization(
        String id,
        String name,
        String slug,
        String billingEmail,
        String cloudRegion,
        Tier tier,
        String status,
        boolean mfaRequired,
        boolean enforceSso,
        Instant createdAt,
        Instant updatedAt) {}

package io.hatidata.api.controlplane;

import java.time.Instant;

/**
 * A user of an organization (SPEC §2.3); {@code status} is {@code active}, {@code invited} or
 * {@code suspended}. {@code lastLogin} and {@code invitationExpiresAt} may be {@code null}.
 */
public record User(
        String id,
        String organizationId,
        String email,
        String name,
        Role role,
        String status,
        boolean mfaEnabled,
        Instant lastLogin,
        Instant createdAt,
        Instant invitationExpiresAt) {}

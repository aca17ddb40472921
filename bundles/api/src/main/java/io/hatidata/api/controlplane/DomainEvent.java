package io.hatidata.api.controlplane;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something changed in the control plane, named as the webhook event types of SPEC §2.12.2
 * ({@code user.invited}, {@code user.role_changed}, {@code key.rotated}, {@code key.revoked}, …).
 *
 * @param type the event type
 * @param organizationId the organization it happened in
 * @param actorId who did it (a user id), or empty for the system
 * @param resourceId what it happened to ({@code usr_…}, {@code key_…}, {@code env_…}, {@code org_…})
 * @param data further facts (never secrets), such as {@code role} and {@code previous_role}
 * @param occurredAt when
 */
public record DomainEvent(String type, String organizationId, String actorId, String resourceId,
        Map<String, String> data, Instant occurredAt) {
    public DomainEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(organizationId, "organizationId");
        actorId = actorId == null ? "" : actorId;
        Objects.requireNonNull(resourceId, "resourceId");
        data = Map.copyOf(data);
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}

package io.hatidata.api.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A webhook subscription of an organization (SPEC §2.12.1), without its signing secret.
 *
 * @param id {@code wh_…}
 * @param organizationId the organization whose events it receives
 * @param url where deliveries are POSTed
 * @param description free text, may be empty
 * @param events the subscribed event types ({@link WebhookEventTypes})
 * @param status {@code active} or {@code disabled} (by a caller, or automatically after repeated failures)
 * @param lastDeliveredAt when a delivery last succeeded, or {@code null}
 * @param lastStatusCode the HTTP status of the last attempt, or {@code null} (none yet, or no answer)
 * @param failureCount failed delivery attempts since the last success
 * @param secretRotating whether a previous secret still signs (a rotation's grace period)
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 */
public record Webhook(String id, String organizationId, String url, String description, List<String> events,
        String status, Instant lastDeliveredAt, Integer lastStatusCode, int failureCount, boolean secretRotating,
        Instant createdAt, Instant updatedAt) {
    public static final String ACTIVE = "active";
    public static final String DISABLED = "disabled";

    public Webhook {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(url, "url");
        description = description == null ? "" : description;
        events = List.copyOf(events);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}

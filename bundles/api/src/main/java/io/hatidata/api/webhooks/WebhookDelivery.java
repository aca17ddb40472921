package io.hatidata.api.webhooks;

import java.time.Instant;
import java.util.Objects;

/**
 * One event on its way to one webhook (a row of the durable outbox) and what its attempts gave.
 *
 * @param id {@code dlv_…}, increasing in creation order
 * @param webhookId the webhook
 * @param eventId the event ({@code evt_…}; the {@code X-HatiData-Event-Id} and {@code webhook-id} headers)
 * @param eventType the event type
 * @param status {@code pending} (waiting for its next attempt), {@code delivering} (an attempt is running),
 *     {@code delivered} (a 2xx answer) or {@code failed} (every attempt failed)
 * @param attempts attempts made so far
 * @param responseCode the HTTP status of the last attempt, or {@code null} (none yet, or no answer)
 * @param latencyMs how long the last attempt took, or {@code null}
 * @param lastError why the last attempt failed (no secrets), or {@code null}
 * @param nextAttemptAt when a pending delivery is next tried, else {@code null}
 * @param createdAt when the event was queued for this webhook
 * @param deliveredAt when it was delivered, else {@code null}
 */
public record WebhookDelivery(String id, String webhookId, String eventId, String eventType, String status,
        int attempts, Integer responseCode, Long latencyMs, String lastError, Instant nextAttemptAt,
        Instant createdAt, Instant deliveredAt) {
    public static final String PENDING = "pending";
    public static final String DELIVERING = "delivering";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    public WebhookDelivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}

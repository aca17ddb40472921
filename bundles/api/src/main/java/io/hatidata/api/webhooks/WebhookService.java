package io.hatidata.api.webhooks;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.Page;
import io.hatidata.api.controlplane.PageRequest;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Webhooks of an organization (SPEC §2.12). Every method checks that the caller belongs to the
 * organization (otherwise {@code NOT_FOUND}) and may manage webhooks (owner or admin; a key also needs the
 * scope {@code webhooks:manage}; otherwise {@code FORBIDDEN}). Refusals are
 * {@link io.hatidata.api.controlplane.ControlPlaneException}s. Nothing here sends HTTP: deliveries are
 * queued in the durable outbox and sent by the dispatcher.
 */
@ProviderType
public interface WebhookService {

    /** Creates an active webhook; the answer carries the signing secret, which is never shown again. */
    CreatedWebhook create(Caller caller, String organizationId, NewWebhook webhook);

    /** The organization's webhooks, ordered by id. */
    Page<Webhook> list(Caller caller, String organizationId, PageRequest page);

    Webhook get(Caller caller, String organizationId, String webhookId);

    /** Changes the given fields; re-enabling clears the failure count. */
    Webhook update(Caller caller, String organizationId, String webhookId, WebhookChanges changes);

    /** Deletes the webhook and its queued and past deliveries. */
    void delete(Caller caller, String organizationId, String webhookId);

    /** Queues a {@link WebhookEventTypes#TEST} event for this webhook; answers the queued delivery. */
    WebhookDelivery sendTest(Caller caller, String organizationId, String webhookId);

    /** The webhook's deliveries, ordered by id (oldest first). */
    Page<WebhookDelivery> deliveries(Caller caller, String organizationId, String webhookId, PageRequest page);

    /**
     * Replaces the signing secret; the previous one keeps signing for {@code gracePeriodHours} (0–720,
     * {@code null}: 24).
     */
    RotatedWebhookSecret rotateSecret(Caller caller, String organizationId, String webhookId, Integer gracePeriodHours);
}

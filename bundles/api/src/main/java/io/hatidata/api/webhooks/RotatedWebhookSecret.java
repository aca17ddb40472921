package io.hatidata.api.webhooks;

import java.time.Instant;
import java.util.Objects;

/**
 * The result of a secret rotation: until {@code previousSecretExpiresAt} deliveries are signed with both
 * the new and the previous secret, so receivers can switch without losing a delivery.
 *
 * @param webhook the webhook
 * @param signingSecret the new secret ({@code whsec_…}), shown only here
 * @param previousSecretExpiresAt when the previous secret stops signing (now, for a grace period of 0)
 */
public record RotatedWebhookSecret(Webhook webhook, String signingSecret, Instant previousSecretExpiresAt) {
    public RotatedWebhookSecret {
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(signingSecret, "signingSecret");
        Objects.requireNonNull(previousSecretExpiresAt, "previousSecretExpiresAt");
    }

    @Override
    public String toString() {
        return "RotatedWebhookSecret[webhook=" + webhook + ", signingSecret=<hidden>, previousSecretExpiresAt="
                + previousSecretExpiresAt + "]";
    }
}

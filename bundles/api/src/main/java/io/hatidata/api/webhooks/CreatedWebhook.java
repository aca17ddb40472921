package io.hatidata.api.webhooks;

import java.util.Objects;

/**
 * A new webhook with its signing secret, which is shown only here and after a rotation.
 *
 * @param webhook the webhook
 * @param signingSecret {@code whsec_} followed by 40 letters and digits
 */
public record CreatedWebhook(Webhook webhook, String signingSecret) {
    public CreatedWebhook {
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(signingSecret, "signingSecret");
    }

    @Override
    public String toString() {
        return "CreatedWebhook[webhook=" + webhook + ", signingSecret=<hidden>]";
    }
}

package io.hatidata.webhooks;

import io.hatidata.api.webhooks.Webhook;
import java.time.Instant;

/**
 * A webhook as stored: its public view plus the encrypted secrets ({@link SecretCipher}).
 *
 * @param webhook what callers see
 * @param secret the current signing secret, encrypted
 * @param previousSecret the secret before the last rotation, encrypted, or {@code null}
 * @param previousSecretExpiresAt until when the previous secret still signs, or {@code null}
 */
record WebhookRow(Webhook webhook, String secret, String previousSecret, Instant previousSecretExpiresAt) {

    /** Whether the previous secret still signs at {@code now}. */
    boolean previousSecretValid(Instant now) {
        return previousSecret != null && previousSecretExpiresAt != null && previousSecretExpiresAt.isAfter(now);
    }

    @Override
    public String toString() {
        return "WebhookRow[" + webhook.id() + "]";
    }
}

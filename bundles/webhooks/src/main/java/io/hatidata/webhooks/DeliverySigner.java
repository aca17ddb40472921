package io.hatidata.webhooks;

import io.hatidata.api.webhooks.WebhookSignatures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The headers of one attempt (SPEC §2.12.3 and Standard Webhooks):
 *
 * <pre>
 * Content-Type: application/json
 * X-HatiData-Signature: sha256=&lt;hex HMAC-SHA256 of the body, keyed with the whole secret&gt;
 * X-HatiData-Event-Type: key.created
 * X-HatiData-Event-Id: evt_…
 * X-HatiData-Timestamp: &lt;ISO-8601 time the event happened&gt;
 * X-HatiData-Delivery-Attempt: 1
 * webhook-id: evt_…
 * webhook-timestamp: &lt;Unix seconds of this attempt&gt;
 * webhook-signature: v1,&lt;base64 HMAC-SHA256 of id.timestamp.body&gt; [v1,&lt;…previous secret&gt;]
 * </pre>
 *
 * During a rotation's grace period {@code webhook-signature} carries one signature per secret (new first)
 * and {@code X-HatiData-Signature}, which has room for one, is made with the previous secret, so a
 * receiver that has not switched yet keeps verifying.
 */
final class DeliverySigner {
    private DeliverySigner() {}

    /**
     * @param secrets the current secret first, then the previous one while it still signs
     */
    static Map<String, String> headers(ClaimedDelivery delivery, List<String> secrets, Instant now) {
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        long timestamp = now.getEpochSecond();
        List<String> signatures = secrets.stream()
                .map(each -> WebhookSignatures.standard(each, delivery.eventId(), timestamp, body)).toList();
        Map<String, String> result = new LinkedHashMap<>();
        result.put("Content-Type", "application/json");
        result.put("X-HatiData-Signature", WebhookSignatures.hatiData(secrets.get(secrets.size() - 1), body));
        result.put("X-HatiData-Event-Type", delivery.eventType());
        result.put("X-HatiData-Event-Id", delivery.eventId());
        result.put("X-HatiData-Timestamp", delivery.eventCreatedAt().truncatedTo(ChronoUnit.MILLIS).toString());
        result.put("X-HatiData-Delivery-Attempt", Integer.toString(delivery.attempt()));
        result.put("webhook-id", delivery.eventId());
        result.put("webhook-timestamp", Long.toString(timestamp));
        result.put("webhook-signature", String.join(" ", signatures));
        return result;
    }
}

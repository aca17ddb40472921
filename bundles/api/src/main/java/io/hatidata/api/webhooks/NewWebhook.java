package io.hatidata.api.webhooks;

import java.util.List;

/**
 * What a caller gives to create a webhook.
 *
 * @param url the target: {@code https://…}, or {@code http://} only for localhost
 * @param description optional free text
 * @param events the event types to receive, at least one
 */
public record NewWebhook(String url, String description, List<String> events) {
    public NewWebhook {
        events = events == null ? List.of() : List.copyOf(events);
    }
}

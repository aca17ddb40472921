package io.hatidata.api.webhooks;

import java.util.List;

/**
 * A partial update of a webhook: {@code null} fields stay as they are.
 *
 * @param url a new target
 * @param description a new description
 * @param events a new list of event types (replaces the old one)
 * @param status {@code active} (re-enables and clears the failure count) or {@code disabled}
 */
public record WebhookChanges(String url, String description, List<String> events, String status) {
    public WebhookChanges {
        events = events == null ? null : List.copyOf(events);
    }
}

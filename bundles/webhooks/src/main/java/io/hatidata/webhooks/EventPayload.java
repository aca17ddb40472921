package io.hatidata.webhooks;

import io.hatidata.api.controlplane.DomainEvent;
import io.hatidata.api.controlplane.LoggedDomainEvent;
import io.hatidata.api.webhooks.WebhookEventTypes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON body of a delivery (docs/webhooks.md): {@code {"id","type","created_at","org_id","env_id","data"}}.
 * {@code id} is the event id ({@code X-HatiData-Event-Id}, {@code webhook-id}); {@code env_id} is the
 * environment the event concerns, or {@code null}; {@code data} names the resource by its kind
 * ({@code key_id}, {@code user_id}, {@code env_id}, {@code org_id}, {@code policy_id}, otherwise
 * {@code resource_id}), the acting user ({@code actor_id}, when there is one) and the event's facts.
 */
final class EventPayload {
    /** Payloads are stored in a column of this many characters. */
    static final int MAX_LENGTH = 32_000;
    private static final Map<String, String> RESOURCE_FIELDS = Map.of(
            "key_", "key_id", "usr_", "user_id", "env_", "env_id", "org_", "org_id", "pol_", "policy_id",
            "jit_", "request_id", "trg_", "trigger_id");

    private EventPayload() {}

    /** The environment an event concerns: its {@code environment_id} fact, or the resource when it is one. */
    static String environmentOf(DomainEvent event) {
        String fromData = event.data().get("environment_id");
        if (fromData != null && !fromData.isEmpty()) {
            return fromData;
        }
        return event.resourceId().startsWith("env_") ? event.resourceId() : null;
    }

    static String of(LoggedDomainEvent logged) {
        DomainEvent event = logged.event();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(resourceField(event.resourceId()), event.resourceId());
        if (!event.actorId().isEmpty()) {
            data.put("actor_id", event.actorId());
        }
        new TreeMap<>(event.data()).forEach(data::putIfAbsent);
        String result = envelope(logged.id(), event.type(), event.occurredAt(), event.organizationId(),
                environmentOf(event), data);
        if (result.length() > MAX_LENGTH) {
            Map<String, Object> trimmed = new LinkedHashMap<>();
            trimmed.put(resourceField(event.resourceId()), event.resourceId());
            trimmed.put("truncated", true);
            result = envelope(logged.id(), event.type(), event.occurredAt(), event.organizationId(),
                    environmentOf(event), trimmed);
        }
        return result;
    }

    static String test(String eventId, String organizationId, String webhookId, Instant createdAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("webhook_id", webhookId);
        data.put("message", "This is a test event from HatiData.");
        return envelope(eventId, WebhookEventTypes.TEST, createdAt, organizationId, null, data);
    }

    private static String envelope(String id, String type, Instant createdAt, String organizationId, String environmentId,
            Map<String, Object> data) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", id);
        result.put("type", type);
        result.put("created_at", createdAt.truncatedTo(ChronoUnit.MILLIS).toString());
        result.put("org_id", organizationId);
        result.put("env_id", environmentId);
        result.put("data", data);
        return Json.object(result);
    }

    private static String resourceField(String resourceId) {
        for (Map.Entry<String, String> each : RESOURCE_FIELDS.entrySet()) {
            if (resourceId.startsWith(each.getKey())) {
                return each.getValue();
            }
        }
        return "resource_id";
    }
}

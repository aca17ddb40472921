package io.hatidata.audit;

import io.hatidata.api.controlplane.DomainEvent;
import io.hatidata.api.controlplane.LoggedDomainEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds an IAM-audit record from a control-plane event. The event's type is the action; the resource
 * type is the type's first word ({@code user.role_changed} → {@code user}); the actor type follows from
 * the actor id's prefix ({@code usr_} user, {@code key_} API key, {@code agt_} agent, none: system). The
 * event's facts are split into before and after: a fact {@code previous_<name>} is {@code <name>} before
 * the change, every other fact is after it (so {@code role_changed}'s {@code previous_role} and
 * {@code role} become {@code before.role} and {@code after.role}); {@code source_ip} and
 * {@code request_id} facts go to their own fields.
 */
final class IamRecords {
    private static final String PREVIOUS = "previous_";

    private IamRecords() {}

    static ChainRecord of(LoggedDomainEvent logged) {
        DomainEvent event = logged.event();
        Map<String, String> before = new TreeMap<>();
        Map<String, String> after = new TreeMap<>();
        for (Map.Entry<String, String> each : event.data().entrySet()) {
            String name = each.getKey();
            if (name.equals("source_ip") || name.equals("request_id")) {
                continue;
            }
            if (name.startsWith(PREVIOUS) && name.length() > PREVIOUS.length()) {
                before.put(name.substring(PREVIOUS.length()), each.getValue());
            } else {
                after.put(name, each.getValue());
            }
        }
        Map<String, Object> values = new HashMap<>();
        values.put("entry_id", QueryRecords.entryId());
        values.put("ts", event.occurredAt().toEpochMilli());
        values.put("event_id", logged.id());
        values.put("event_seq", logged.sequence());
        values.put("actor_id", event.actorId());
        values.put("actor_type", actorType(event.actorId()));
        values.put("action", event.type());
        int dot = event.type().indexOf('.');
        values.put("resource_type", dot < 0 ? event.type() : event.type().substring(0, dot));
        values.put("resource_id", event.resourceId());
        values.put("before_state", JsonText.write(before));
        values.put("after_state", JsonText.write(after));
        values.put("source_ip", event.data().getOrDefault("source_ip", ""));
        values.put("request_id", event.data().getOrDefault("request_id", ""));
        return new ChainRecord(AuditLogKind.IAM, event.organizationId(), values);
    }

    static String actorType(String actorId) {
        if (actorId.isEmpty()) {
            return "system";
        }
        if (actorId.startsWith("key_")) {
            return "api_key";
        }
        if (actorId.startsWith("agt_")) {
            return "agent";
        }
        return actorId.startsWith("usr_") ? "user" : "system";
    }
}

package io.hatidata.api.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One administrative change as the IAM audit holds it (SPEC §2.10.3).
 *
 * @param link the entry's place in the organization's chain
 * @param timestamp when the change happened
 * @param eventId the control-plane event it records ({@code evt_…})
 * @param actorId who acted, or empty for the system
 * @param actorType {@code user}, {@code api_key}, {@code agent} or {@code system}
 * @param action the event type, such as {@code user.role_changed}
 * @param resourceType the kind of resource, such as {@code user}
 * @param resourceId the resource
 * @param before the changed facts before the change (for example {@code role}), possibly empty
 * @param after the facts after the change, possibly empty
 * @param sourceIp the client address when known, else empty
 * @param requestId the request that caused the change when known, else empty
 */
public record IamAuditEntry(AuditLink link, Instant timestamp, String eventId, String actorId, String actorType,
        String action, String resourceType, String resourceId, Map<String, String> before,
        Map<String, String> after, String sourceIp, String requestId) {
    public IamAuditEntry {
        before = Map.copyOf(before);
        after = Map.copyOf(after);
    }
}

package io.hatidata.api.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * The filters of the IAM audit list (SPEC §2.10.3). {@code null} means "not filtered".
 *
 * @param start entries at or after this instant
 * @param end entries before this instant
 * @param actorId who acted
 * @param action the action, such as {@code user.role_changed}
 * @param resourceType the kind of resource, such as {@code user} or {@code key}
 */
public record IamAuditFilter(Instant start, Instant end, String actorId, String action, String resourceType) {
    public IamAuditFilter {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }
}

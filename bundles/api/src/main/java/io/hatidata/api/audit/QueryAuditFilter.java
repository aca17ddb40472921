package io.hatidata.api.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * The filters of the query audit list (SPEC §2.10.1). {@code null} means "not filtered".
 *
 * @param start entries at or after this instant
 * @param end entries before this instant
 * @param userId the user the statement ran as
 * @param agentId the agent id the session declared
 * @param table a table the statement read or wrote (its name as written or dotted, case-insensitive)
 * @param cacheHit whether the result came from a cache
 * @param minDurationMs statements that ran at least this long
 */
public record QueryAuditFilter(Instant start, Instant end, String userId, String agentId, String table,
        Boolean cacheHit, Long minDurationMs) {
    public QueryAuditFilter {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }
}

package io.hatidata.api.audit;

import java.time.Instant;
import java.util.List;

/**
 * One statement as the query audit holds it: its intent record (written before it ran) merged with its
 * completion record (written after it ended). A statement without a completion record did not end while
 * the server was up ({@code completed} is false and the outcome fields are empty).
 *
 * @param queryId the statement's id ({@code qry_…})
 * @param sessionId the session it ran in
 * @param organizationId its organization
 * @param environmentId its environment (the chain)
 * @param userId the user it ran as
 * @param keyId the API key used, or empty
 * @param role the role it ran with
 * @param sourceIp the client address when the front-end knew it, else empty
 * @param agentId the agent id the session declared, or empty
 * @param agentFramework the agent framework the session declared, or empty
 * @param sql the statement with every literal replaced by {@code '[REDACTED]'}
 * @param rawSql the statement as sent, only when the server is configured to keep it; else empty
 * @param tablesAccessed tables read or written, dotted and lower-case
 * @param policyVerdicts what policies decided
 * @param timestamp when the intent was recorded
 * @param completed whether the completion record exists
 * @param rowsReturned rows sent to the client
 * @param executionTimeMs time from the intent to the end of the statement
 * @param creditsConsumed the estimated credits (the cost estimate), 0 when unknown
 * @param columnsMasked columns masked by policies
 * @param cacheHit whether the result came from a cache
 * @param commandTag the command tag of a statement that succeeded, else empty
 * @param sqlState the SQLSTATE of a statement that failed or was refused, else empty
 * @param errorMessage the client-facing message of the failure, else empty
 * @param intent the intent record's place in the chain
 * @param completion the completion record's place in the chain, or {@code null}
 */
public record QueryAuditEntry(
        String queryId,
        String sessionId,
        String organizationId,
        String environmentId,
        String userId,
        String keyId,
        String role,
        String sourceIp,
        String agentId,
        String agentFramework,
        String sql,
        String rawSql,
        List<String> tablesAccessed,
        List<PolicyVerdict> policyVerdicts,
        Instant timestamp,
        boolean completed,
        long rowsReturned,
        long executionTimeMs,
        double creditsConsumed,
        List<String> columnsMasked,
        boolean cacheHit,
        String commandTag,
        String sqlState,
        String errorMessage,
        AuditLink intent,
        AuditLink completion) {
    public QueryAuditEntry {
        tablesAccessed = List.copyOf(tablesAccessed);
        policyVerdicts = List.copyOf(policyVerdicts);
        columnsMasked = List.copyOf(columnsMasked);
    }
}

package io.hatidata.api.policy;

import io.hatidata.api.audit.SqlRedaction;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryContext;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one shadow-mode policy would have done to one statement (recorded, never enforced).
 *
 * @param policyId the shadow policy
 * @param environmentId the statement's environment
 * @param queryId the statement's query id
 * @param principal who ran it: the key id, else the user id
 * @param role the role the statement ran with (after a just-in-time elevation)
 * @param agentId the session's agent id, or empty
 * @param fingerprint the statement with every literal redacted (as in the audit trail), at most 4000 characters
 * @param decision {@link #DENY}, {@link #MASK}, {@link #FILTER} or {@link #NONE} (evaluated, nothing would change)
 * @param targets {@code table.column} for masks, tables for filters and denials
 * @param detail the deny reason, or the row predicate a filter would add; else empty
 * @param at when the statement was evaluated
 * @since 1.1.0
 */
public record ShadowDecision(String policyId, String environmentId, String queryId, String principal, String role,
        String agentId, String fingerprint, String decision, List<String> targets, String detail, Instant at) {
    public static final String DENY = "deny";
    public static final String MASK = "mask";
    public static final String FILTER = "filter";
    public static final String NONE = "none";

    public ShadowDecision {
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(environmentId, "environmentId");
        Objects.requireNonNull(queryId, "queryId");
        principal = Objects.requireNonNullElse(principal, "");
        role = Objects.requireNonNullElse(role, "");
        agentId = Objects.requireNonNullElse(agentId, "");
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (!List.of(DENY, MASK, FILTER, NONE).contains(decision)) {
            throw new IllegalArgumentException("unknown decision " + decision);
        }
        targets = List.copyOf(targets);
        detail = Objects.requireNonNullElse(detail, "");
        Objects.requireNonNull(at, "at");
    }

    /**
     * The decision of {@code policy} on the statement of {@code context}: its effective identity
     * ({@link QueryContext#identity()}), the session's {@code agent_id} and the client's SQL redacted.
     */
    public static ShadowDecision of(Policy policy, QueryContext context, String decision, List<String> targets,
            String detail) {
        Identity identity = context.identity();
        java.util.Map<String, String> settings = context.session().settings();
        String agent = settings.getOrDefault("hatidata_agent_id", settings.getOrDefault("agent_id", ""));
        String redacted = SqlRedaction.redact(context.originalSql());
        return new ShadowDecision(policy.policyId(), identity.environmentId(), context.queryId(),
                identity.keyId().isEmpty() ? identity.userId() : identity.keyId(), identity.role(), agent,
                redacted.length() > 4000 ? redacted.substring(0, 4000) : redacted, decision, targets, detail,
                Instant.now());
    }
}

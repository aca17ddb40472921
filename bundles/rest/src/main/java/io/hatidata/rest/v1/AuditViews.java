package io.hatidata.rest.v1;

import io.hatidata.api.audit.AuditLink;
import io.hatidata.api.audit.ChainVerification;
import io.hatidata.api.audit.IamAuditEntry;
import io.hatidata.api.audit.PolicyVerdict;
import io.hatidata.api.audit.QueryAuditEntry;
import io.hatidata.api.audit.SigningKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON views of the audit trails (SPEC §2.10). */
final class AuditViews {
    private AuditViews() {}

    static Map<String, Object> query(QueryAuditEntry entry) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("query_id", entry.queryId());
        result.put("user_id", entry.userId());
        result.put("source_ip", entry.sourceIp().isEmpty() ? null : entry.sourceIp());
        result.put("sql", entry.sql());
        result.put("tables_accessed", entry.tablesAccessed());
        result.put("rows_returned", entry.rowsReturned());
        result.put("columns_masked", entry.columnsMasked());
        result.put("execution_time_ms", entry.executionTimeMs());
        result.put("credits_consumed", entry.creditsConsumed());
        result.put("cache_hit", entry.cacheHit());
        result.put("policy_verdicts", entry.policyVerdicts().stream().map(AuditViews::verdict).toList());
        result.put("agent_metadata", entry.agentId().isEmpty() && entry.agentFramework().isEmpty() ? null
                : Map.of("agent_id", entry.agentId(), "framework", entry.agentFramework()));
        result.put("timestamp", Views.time(entry.timestamp()));
        result.put("session_id", entry.sessionId());
        result.put("org_id", entry.organizationId());
        result.put("environment_id", entry.environmentId());
        result.put("key_id", entry.keyId().isEmpty() ? null : entry.keyId());
        result.put("role", entry.role());
        if (!entry.rawSql().isEmpty()) {
            result.put("sql_raw", entry.rawSql());
        }
        result.put("completed", entry.completed());
        result.put("command_tag", entry.commandTag().isEmpty() ? null : entry.commandTag());
        result.put("sql_state", entry.sqlState().isEmpty() ? null : entry.sqlState());
        result.put("error_message", entry.errorMessage().isEmpty() ? null : entry.errorMessage());
        result.put("intent", link(entry.intent()));
        result.put("completion", entry.completion() == null ? null : link(entry.completion()));
        return result;
    }

    static Map<String, Object> iam(IamAuditEntry entry) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("entry_id", entry.link().entryId());
        result.put("seq", entry.link().sequence());
        result.put("prev_hash", entry.link().prevHash());
        result.put("entry_hash", entry.link().entryHash());
        result.put("timestamp", Views.time(entry.timestamp()));
        result.put("actor_id", entry.actorId().isEmpty() ? null : entry.actorId());
        result.put("actor_type", entry.actorType());
        result.put("action", entry.action());
        result.put("resource_type", entry.resourceType());
        result.put("resource_id", entry.resourceId());
        result.put("before", entry.before());
        result.put("after", entry.after());
        result.put("source_ip", entry.sourceIp().isEmpty() ? null : entry.sourceIp());
        result.put("request_id", entry.requestId().isEmpty() ? null : entry.requestId());
        result.put("event_id", entry.eventId());
        return result;
    }

    static Map<String, Object> verification(ChainVerification verification) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("chain_id", verification.chainId());
        result.put("entry_count", verification.entryCount());
        result.put("chain_valid", verification.chainValid());
        result.put("first_entry_hash", empty(verification.firstEntryHash()));
        result.put("last_entry_hash", empty(verification.lastEntryHash()));
        if (verification.firstBrokenIndex() != null) {
            result.put("first_broken_index", verification.firstBrokenIndex());
            result.put("first_broken_hash", empty(verification.firstBrokenHash()));
        }
        Map<String, Object> checkpoint = new LinkedHashMap<>();
        checkpoint.put("status", verification.checkpoint().status());
        checkpoint.put("seq", verification.checkpoint().sequence());
        checkpoint.put("entry_hash", empty(verification.checkpoint().entryHash()));
        checkpoint.put("signature", empty(verification.checkpoint().signature()));
        checkpoint.put("signed_at", Views.time(verification.checkpoint().signedAt()));
        result.put("checkpoint", checkpoint);
        result.put("verified_at", Views.time(verification.verifiedAt()));
        return result;
    }

    static Map<String, Object> signingKey(SigningKey key) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("algorithm", key.algorithm());
        result.put("key_id", key.keyId());
        result.put("public_key", key.publicKey());
        result.put("pem", key.pem());
        return result;
    }

    private static Map<String, Object> verdict(PolicyVerdict verdict) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("policy_id", empty(verdict.policyId()));
        result.put("policy_name", verdict.policyName());
        result.put("action", verdict.action());
        result.put("columns", List.copyOf(verdict.columns()));
        return result;
    }

    private static Map<String, Object> link(AuditLink link) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("entry_id", link.entryId());
        result.put("seq", link.sequence());
        result.put("prev_hash", link.prevHash());
        result.put("entry_hash", link.entryHash());
        return result;
    }

    private static String empty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}

package io.hatidata.audit;

import io.hatidata.api.audit.AuditAttributes;
import io.hatidata.api.audit.AuditLink;
import io.hatidata.api.audit.PolicyVerdict;
import io.hatidata.api.governance.CostEstimate;
import io.hatidata.api.governance.PolicyDecision;
import io.hatidata.api.governance.QueryOutcome;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.query.SqlState;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.api.sql.TableReference;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds the two query-audit records of a statement from its pipeline context. The intent record is made
 * when the audit stage starts, before any other stage ran: it holds who (user, key, role, session, agent)
 * and what (the redacted statement). The completion record holds what the later stages learned (tables,
 * policy verdicts, the cost estimate, masked columns, snapshot scope) and the outcome (rows, duration,
 * command tag or SQLSTATE and message).
 */
final class QueryRecords {
    private static final HexFormat HEX = HexFormat.of();
    /** The key under which the intent's link is kept in the context's attributes until completion. */
    static final String INTENT_ATTRIBUTE = "io.hatidata.audit.intent";
    static final String SNAPSHOT_ATTRIBUTE = "io.hatidata.engine.snapshot";
    private static final String POLICY_REFUSAL = "permission denied by policy ";

    private QueryRecords() {}

    /**
     * A new entry id: 128 random bits from the thread's own generator. An entry id names a row, it guards
     * nothing (the chain position is the key, and reading the trail needs the audit role), so it does not
     * need the shared {@code SecureRandom} behind {@code UUID.randomUUID()}, whose lock and system call were
     * 7 % of the statement thread's samples in the issue 11 profile (two entries per statement).
     */
    static String entryId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "aud_" + HEX.formatHex(ByteBuffer.allocate(16).putLong(random.nextLong()).putLong(random.nextLong()).array());
    }

    /** The chain of a statement: its environment (a placeholder for identities without one). */
    static String chainId(Identity identity) {
        return identity.environmentId().isEmpty() ? "env_none" : identity.environmentId();
    }

    static ChainRecord intent(QueryContext context, long nowMillis, boolean keepRawSql) {
        Session session = context.session();
        Identity identity = session.identity();
        Map<String, Object> values = new HashMap<>();
        values.put("entry_id", entryId());
        values.put("entry_type", "intent");
        values.put("ts", nowMillis);
        values.put("query_id", context.queryId());
        values.put("session_id", session.id());
        values.put("org_id", identity.organizationId());
        values.put("user_id", identity.userId());
        values.put("key_id", identity.keyId());
        values.put("role", identity.role());
        // only the front-end's own parameter: a session setting or a prefixed name could be the client's
        values.put("source_ip", session.parameters().getOrDefault("client_address", ""));
        values.put("agent_id", session.agentSetting("agent_id"));
        values.put("agent_framework", session.agentSetting("framework"));
        values.put("sql_redacted", SqlRedactor.redact(context.originalSql()));
        values.put("sql_raw", keepRawSql ? context.originalSql() : null);
        return new ChainRecord(AuditLogKind.QUERY, chainId(identity), values);
    }

    static ChainRecord completion(QueryContext context, QueryOutcome outcome, AuditLink intent, long nowMillis) {
        Map<String, Object> attributes = context.attributes();
        Map<String, Object> values = new HashMap<>();
        values.put("entry_id", entryId());
        values.put("entry_type", "completion");
        values.put("ts", nowMillis);
        values.put("query_id", context.queryId());
        values.put("session_id", context.session().id());
        values.put("intent_seq", intent.sequence());
        values.put("tables_accessed", JsonText.write(tables(attributes.get(StatementAnalysis.ATTRIBUTE))));
        List<Object> recorded = new ArrayList<>(io.hatidata.api.governance.PolicyVerdicts.of(context));
        if (attributes.get(AuditAttributes.POLICY_VERDICTS) instanceof Collection<?> more) {
            recorded.addAll(more);
        }
        values.put("policy_verdicts", JsonText.write(verdicts(recorded, outcome)));
        values.put("rows_returned", outcome.rows());
        values.put("execution_time_ms", outcome.elapsedNanos() / 1_000_000);
        values.put("credits", attributes.get(CostEstimate.ATTRIBUTE) instanceof CostEstimate estimate
                ? BigDecimal.valueOf(estimate.credits()).stripTrailingZeros().toPlainString() : "0");
        values.put("columns_masked", JsonText.write(maskedColumns(recorded, attributes.get(AuditAttributes.COLUMNS_MASKED))));
        values.put("cache_hit", Boolean.TRUE.equals(attributes.get(AuditAttributes.CACHE_HIT)));
        values.put("snapshot", attributes.get(SNAPSHOT_ATTRIBUTE) instanceof String scope ? scope : null);
        values.put("command_tag", outcome.commandTag());
        values.put("sql_state", outcome.sqlState());
        values.put("error_message", outcome.message());
        return new ChainRecord(AuditLogKind.QUERY, chainId(context.session().identity()), values);
    }


    static List<String> tables(Object analysis) {
        Set<String> result = new LinkedHashSet<>();
        if (analysis instanceof StatementAnalysis each) {
            for (TableReference table : each.tablesRead()) {
                result.add(table.normalizedName());
            }
            for (TableReference table : each.tablesWritten()) {
                result.add(table.normalizedName());
            }
        }
        return List.copyOf(result);
    }

    static List<Object> verdicts(Object recorded, QueryOutcome outcome) {
        List<Object> result = new ArrayList<>();
        if (recorded instanceof Collection<?> collection) {
            for (Object each : collection) {
                if (each instanceof PolicyVerdict verdict) {
                    result.add(verdict(verdict.policyId(), verdict.policyName(), verdict.action(), verdict.columns()));
                } else if (each instanceof io.hatidata.api.governance.PolicyVerdict verdict) {
                    // the policy bundles' verdicts: a mask's targets are columns, a filter's or deny's tables
                    result.add(verdict(verdict.policyId(), verdict.policyName(), verdict.action(),
                            io.hatidata.api.governance.PolicyVerdict.MASK.equals(verdict.action())
                                    ? verdict.targets() : List.of()));
                } else if (each instanceof PolicyDecision decision) {
                    result.add(verdict("", decision.policy(), decision.allowed() ? "allow" : "deny", List.of()));
                }
            }
        }
        if (SqlState.INSUFFICIENT_PRIVILEGE.equals(outcome.sqlState()) && result.stream()
                .noneMatch(each -> "deny".equals(((Map<?, ?>) each).get("action")))) {
            String message = outcome.message();
            String policy = message.startsWith(POLICY_REFUSAL)
                    ? message.substring(POLICY_REFUSAL.length()).split(":", 2)[0].trim() : "roles-and-scopes";
            result.add(verdict("", policy, "deny", List.of()));
        }
        return result;
    }

    /** The columns masked: those a stage listed under {@link AuditAttributes#COLUMNS_MASKED} and every mask verdict's targets. */
    static List<String> maskedColumns(Collection<?> verdicts, Object listed) {
        Set<String> result = new LinkedHashSet<>(strings(listed));
        for (Object each : verdicts) {
            if (each instanceof io.hatidata.api.governance.PolicyVerdict verdict
                    && io.hatidata.api.governance.PolicyVerdict.MASK.equals(verdict.action())) {
                result.addAll(verdict.targets());
            } else if (each instanceof PolicyVerdict verdict && "mask".equals(verdict.action())) {
                result.addAll(verdict.columns());
            }
        }
        return List.copyOf(result);
    }

    private static Map<String, Object> verdict(String id, String name, String action, List<String> columns) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("policy_id", id);
        result.put("policy_name", name);
        result.put("action", action);
        result.put("columns", List.copyOf(columns));
        return result;
    }

    private static List<String> strings(Object value) {
        List<String> result = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            for (Object each : collection) {
                if (each != null) {
                    result.add(each.toString());
                }
            }
        }
        return result;
    }
}

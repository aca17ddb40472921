package io.hatidata.audit;

import static io.hatidata.audit.AuditColumn.bool;
import static io.hatidata.audit.AuditColumn.number;
import static io.hatidata.audit.AuditColumn.text;

import java.util.List;

/**
 * The two trails, each a table of hash-chained entries with a fixed column list. The order of the
 * columns is the order of the canonical serialization ({@link CanonicalForm}); changing it changes every
 * hash, so columns are only ever appended with a new format version.
 */
enum AuditLogKind {
    /** One chain per environment: the intent and the completion record of every statement. */
    QUERY("query", "audit_query_log", List.of(
            text("entry_id", 40), text("entry_type", 12), number("ts"), text("query_id", 64),
            text("session_id", 64), text("org_id", 64), text("user_id", 64), text("key_id", 64),
            text("role", 40), text("source_ip", 64), text("agent_id", 200), text("agent_framework", 100),
            text("sql_redacted", 32000), text("sql_raw", 32000), number("intent_seq"),
            text("tables_accessed", 8000), text("policy_verdicts", 8000), number("rows_returned"),
            number("execution_time_ms"), text("credits", 40), text("columns_masked", 4000), bool("cache_hit"),
            text("snapshot", 20), text("command_tag", 200), text("sql_state", 5), text("error_message", 2000))),
    /** One chain per organization: administrative changes from the control plane's event log. */
    IAM("iam", "audit_iam_log", List.of(
            text("entry_id", 40), number("ts"), text("event_id", 64), number("event_seq"), text("actor_id", 64),
            text("actor_type", 20), text("action", 100), text("resource_type", 60), text("resource_id", 100),
            text("before_state", 8000), text("after_state", 8000), text("source_ip", 64),
            text("request_id", 100)));

    private final String logName;
    private final String table;
    private final List<AuditColumn> columns;

    AuditLogKind(String logName, String table, List<AuditColumn> columns) {
        this.logName = logName;
        this.table = table;
        this.columns = columns;
    }

    /** The name used in the canonical form and in checkpoints ({@code query}, {@code iam}). */
    String logName() {
        return logName;
    }

    String table() {
        return table;
    }

    List<AuditColumn> columns() {
        return columns;
    }

    static AuditLogKind ofLogName(String name) {
        for (AuditLogKind each : values()) {
            if (each.logName.equals(name)) {
                return each;
            }
        }
        throw new IllegalArgumentException("unknown audit log: " + name);
    }
}

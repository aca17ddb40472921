package io.hatidata.audit;

import io.hatidata.api.audit.AuditLink;
import io.hatidata.api.audit.PolicyVerdict;
import io.hatidata.api.audit.QueryAuditEntry;
import io.hatidata.api.audit.QueryAuditFilter;
import io.hatidata.api.controlplane.Page;
import io.hatidata.api.controlplane.PageRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads statements back from an environment's query chain: each intent record joined with the completion
 * record that names it ({@code intent_seq}), newest first, filtered as SPEC §2.10.1 lists. The cursor is
 * the position of the last intent of the previous page.
 */
final class QueryAuditReader {
    private static final String SELECT = "SELECT i.*, c.seq AS c_seq, c.entry_id AS c_entry_id,"
            + " c.prev_hash AS c_prev_hash, c.entry_hash AS c_entry_hash, c.tables_accessed AS c_tables,"
            + " c.policy_verdicts AS c_verdicts, c.rows_returned AS c_rows, c.execution_time_ms AS c_ms,"
            + " c.credits AS c_credits, c.columns_masked AS c_masked, c.cache_hit AS c_cache_hit,"
            + " c.command_tag AS c_tag, c.sql_state AS c_state, c.error_message AS c_error";
    private static final String FROM = " FROM audit_query_log i LEFT JOIN audit_query_log c ON c.chain_id = i.chain_id"
            + " AND c.intent_seq = i.seq AND c.entry_type = 'completion'"
            + " WHERE i.chain_id = ? AND i.entry_type = 'intent'";

    private QueryAuditReader() {}

    static Page<QueryAuditEntry> list(Connection connection, String environmentId, QueryAuditFilter filter,
            PageRequest page) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String where = where(environmentId, filter, parameters);
        int total;
        try (PreparedStatement count = prepare(connection, "SELECT COUNT(*)" + FROM + where, parameters);
                ResultSet rows = count.executeQuery()) {
            rows.next();
            total = rows.getInt(1);
        }
        long after = Cursors.after(page.cursor());
        if (after > 0) {
            where += " AND i.seq < ?";
            parameters.add(after);
        }
        List<QueryAuditEntry> items = new ArrayList<>();
        try (PreparedStatement select = prepare(connection, SELECT + FROM + where + " ORDER BY i.seq DESC FETCH FIRST "
                + (page.limit() + 1) + " ROWS ONLY", parameters);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                items.add(entry(rows));
            }
        }
        if (items.size() <= page.limit()) {
            return new Page<>(items, null, total);
        }
        List<QueryAuditEntry> shown = items.subList(0, page.limit());
        return new Page<>(shown, Cursors.of(shown.get(shown.size() - 1).intent().sequence()), total);
    }

    static QueryAuditEntry one(Connection connection, String environmentId, String queryId) throws SQLException {
        try (PreparedStatement select = prepare(connection, SELECT + FROM + " AND i.query_id = ? ORDER BY i.seq"
                + " FETCH FIRST 1 ROWS ONLY", List.of(environmentId, queryId));
                ResultSet rows = select.executeQuery()) {
            return rows.next() ? entry(rows) : null;
        }
    }

    private static String where(String environmentId, QueryAuditFilter filter, List<Object> parameters) {
        StringBuilder where = new StringBuilder(" AND i.ts >= ? AND i.ts < ?");
        parameters.add(environmentId);
        parameters.add(filter.start().toEpochMilli());
        parameters.add(filter.end().toEpochMilli());
        if (filter.userId() != null) {
            where.append(" AND i.user_id = ?");
            parameters.add(filter.userId());
        }
        if (filter.agentId() != null) {
            where.append(" AND i.agent_id = ?");
            parameters.add(filter.agentId());
        }
        if (filter.table() != null) {
            // tables are stored as a JSON list of lower-case dotted names: match the whole name or its end
            String name = likeEscape(filter.table().toLowerCase(Locale.ROOT));
            where.append(" AND (c.tables_accessed LIKE ? ESCAPE '\\' OR c.tables_accessed LIKE ? ESCAPE '\\')");
            parameters.add("%\"" + name + "\"%");
            parameters.add("%." + name + "\"%");
        }
        if (filter.cacheHit() != null) {
            where.append(" AND c.cache_hit = ?");
            parameters.add(filter.cacheHit());
        }
        if (filter.minDurationMs() != null) {
            where.append(" AND c.execution_time_ms >= ?");
            parameters.add(filter.minDurationMs());
        }
        return where.toString();
    }

    private static String likeEscape(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").replace("\"", "\\\"");
    }

    static PreparedStatement prepare(Connection connection, String sql, List<Object> parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
        return statement;
    }

    private static QueryAuditEntry entry(ResultSet row) throws SQLException {
        AuditLink intent = new AuditLink(row.getString("entry_id"), row.getLong("seq"), row.getString("prev_hash"),
                row.getString("entry_hash"));
        long completionSeq = row.getLong("c_seq");
        boolean completed = !row.wasNull();
        AuditLink completion = completed ? new AuditLink(row.getString("c_entry_id"), completionSeq,
                row.getString("c_prev_hash"), row.getString("c_entry_hash")) : null;
        String credits = row.getString("c_credits");
        return new QueryAuditEntry(row.getString("query_id"), text(row, "session_id"), text(row, "org_id"),
                row.getString("chain_id"), text(row, "user_id"), text(row, "key_id"), text(row, "role"),
                text(row, "source_ip"), text(row, "agent_id"), text(row, "agent_framework"),
                text(row, "sql_redacted"), text(row, "sql_raw"), JsonText.readStrings(row.getString("c_tables")),
                verdicts(row.getString("c_verdicts")), Instant.ofEpochMilli(row.getLong("ts")), completed,
                row.getLong("c_rows"), row.getLong("c_ms"), credits == null ? 0 : Double.parseDouble(credits),
                JsonText.readStrings(row.getString("c_masked")), row.getBoolean("c_cache_hit"), text(row, "c_tag"),
                text(row, "c_state"), text(row, "c_error"), intent, completion);
    }

    private static String text(ResultSet row, String column) throws SQLException {
        String value = row.getString(column);
        return value == null ? "" : value;
    }

    static List<PolicyVerdict> verdicts(String json) {
        List<PolicyVerdict> result = new ArrayList<>();
        if (JsonText.read(json) instanceof List<?> list) {
            for (Object each : list) {
                if (each instanceof Map<?, ?> map) {
                    List<String> columns = new ArrayList<>();
                    if (map.get("columns") instanceof List<?> names) {
                        names.forEach(name -> columns.add(String.valueOf(name)));
                    }
                    result.add(new PolicyVerdict(String.valueOf(map.get("policy_id")),
                            String.valueOf(map.get("policy_name")), String.valueOf(map.get("action")), columns));
                }
            }
        }
        return result;
    }
}

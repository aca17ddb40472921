package io.hatidata.audit;

import io.hatidata.api.audit.AuditLink;
import io.hatidata.api.audit.IamAuditEntry;
import io.hatidata.api.audit.IamAuditFilter;
import io.hatidata.api.controlplane.Page;
import io.hatidata.api.controlplane.PageRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads an organization's IAM chain back, newest first, filtered as SPEC §2.10.3 suggests. */
final class IamAuditReader {
    private IamAuditReader() {}

    static Page<IamAuditEntry> list(Connection connection, String organizationId, IamAuditFilter filter,
            PageRequest page) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        StringBuilder where = new StringBuilder(" FROM audit_iam_log WHERE chain_id = ? AND ts >= ? AND ts < ?");
        parameters.add(organizationId);
        parameters.add(filter.start().toEpochMilli());
        parameters.add(filter.end().toEpochMilli());
        condition(where, parameters, "actor_id", filter.actorId());
        condition(where, parameters, "action", filter.action());
        condition(where, parameters, "resource_type", filter.resourceType());
        int total;
        try (PreparedStatement count = QueryAuditReader.prepare(connection, "SELECT COUNT(*)" + where, parameters);
                ResultSet rows = count.executeQuery()) {
            rows.next();
            total = rows.getInt(1);
        }
        long after = Cursors.after(page.cursor());
        if (after > 0) {
            where.append(" AND seq < ?");
            parameters.add(after);
        }
        List<IamAuditEntry> items = new ArrayList<>();
        try (PreparedStatement select = QueryAuditReader.prepare(connection, "SELECT *" + where
                + " ORDER BY seq DESC FETCH FIRST " + (page.limit() + 1) + " ROWS ONLY", parameters);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                items.add(entry(rows));
            }
        }
        if (items.size() <= page.limit()) {
            return new Page<>(items, null, total);
        }
        List<IamAuditEntry> shown = items.subList(0, page.limit());
        return new Page<>(shown, Cursors.of(shown.get(shown.size() - 1).link().sequence()), total);
    }

    /** Whether an event was already recorded (redelivery after a crash). */
    static boolean recorded(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM audit_iam_log WHERE event_id = ?")) {
            select.setString(1, eventId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void condition(StringBuilder where, List<Object> parameters, String column, String value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = ?");
            parameters.add(value);
        }
    }

    private static IamAuditEntry entry(ResultSet row) throws SQLException {
        return new IamAuditEntry(new AuditLink(row.getString("entry_id"), row.getLong("seq"), row.getString("prev_hash"),
                row.getString("entry_hash")), Instant.ofEpochMilli(row.getLong("ts")), row.getString("event_id"),
                nonNull(row.getString("actor_id")), row.getString("actor_type"), row.getString("action"),
                row.getString("resource_type"), row.getString("resource_id"),
                JsonText.readStringMap(row.getString("before_state")), JsonText.readStringMap(row.getString("after_state")),
                nonNull(row.getString("source_ip")), nonNull(row.getString("request_id")));
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}

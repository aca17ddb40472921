package io.hatidata.controlplane;

import io.hatidata.api.controlplane.DomainEvent;
import io.hatidata.api.controlplane.LoggedDomainEvent;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable domain-event log in the control-plane database: appends inside a caller's transaction,
 * reads in sequence order, and the consumers' cursors. Event data is stored as a flat JSON object of
 * strings ({@link JsonText}), at most {@value #MAX_DATA} characters.
 */
final class EventLog {
    static final int MAX_DATA = 8000;
    private static final String SELECT = "SELECT sequence, id, type, org_id, actor_id, resource_id, data, occurred_at"
            + " FROM domain_events";

    private final SecureRandom random = new SecureRandom();

    /**
     * Appends one event in the caller's transaction. Locks the counter row until that transaction ends,
     * which serialises appends: a later sequence number can only commit after an earlier one.
     */
    LoggedDomainEvent append(Connection transaction, DomainEvent event) throws SQLException {
        if (transaction.getAutoCommit()) {
            throw new SQLException("an event is appended inside a transaction (auto-commit is on)", "25000");
        }
        Map<String, Object> data = new LinkedHashMap<>(event.data());
        String json = JsonText.write(data);
        if (json.length() > MAX_DATA) {
            throw new IllegalArgumentException("event data longer than " + MAX_DATA + " characters: " + event.type());
        }
        Db.update(transaction, "UPDATE domain_event_counter SET last_sequence = last_sequence + 1 WHERE id = 1");
        long sequence = Db.query(transaction, "SELECT last_sequence FROM domain_event_counter WHERE id = 1",
                row -> row.getLong(1)).get(0);
        String id = Ids.newId(random, "evt_", 20);
        Db.update(transaction, "INSERT INTO domain_events (sequence, id, type, org_id, actor_id, resource_id, data,"
                + " occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", sequence, id, event.type(), event.organizationId(),
                event.actorId(), event.resourceId(), json, event.occurredAt());
        return new LoggedDomainEvent(sequence, id, event);
    }

    /** Up to {@code limit} committed events after {@code sequence}, in order. */
    List<LoggedDomainEvent> after(Connection connection, long sequence, int limit) throws SQLException {
        return Db.query(connection, SELECT + " WHERE sequence > ? ORDER BY sequence FETCH FIRST " + limit + " ROWS ONLY",
                row -> {
                    Map<String, String> data = new LinkedHashMap<>();
                    JsonText.read(row.getString(7)).forEach((key, value) -> data.put(key, String.valueOf(value)));
                    return new LoggedDomainEvent(row.getLong(1), row.getString(2), new DomainEvent(row.getString(3),
                            row.getString(4), row.getString(5), row.getString(6), data,
                            row.getTimestamp(8).toInstant()));
                }, sequence);
    }

    /** The newest committed sequence number, 0 when the log is empty. */
    long latest(Connection connection) throws SQLException {
        return Db.query(connection, "SELECT MAX(sequence) FROM domain_events", row -> row.getLong(1)).get(0);
    }

    Optional<Long> cursor(Connection connection, String consumer) throws SQLException {
        List<Long> rows = Db.query(connection, "SELECT last_sequence FROM domain_event_cursors WHERE consumer = ?",
                row -> row.getLong(1), consumer);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    void moveCursor(Connection connection, String consumer, long sequence) throws SQLException {
        Instant now = Instant.now();
        if (Db.update(connection, "UPDATE domain_event_cursors SET last_sequence = ?, updated_at = ? WHERE consumer = ?",
                sequence, now, consumer) == 0) {
            Db.update(connection, "INSERT INTO domain_event_cursors (consumer, last_sequence, updated_at) VALUES (?, ?, ?)",
                    consumer, sequence, now);
        }
    }

    /**
     * Deletes events older than {@code before} that every known consumer has passed.
     *
     * @return how many were deleted
     */
    int prune(Connection connection, Instant before) throws SQLException {
        long passedByAll = Db.query(connection, "SELECT MIN(last_sequence) FROM domain_event_cursors",
                row -> row.getObject(1) == null ? Long.MAX_VALUE : row.getLong(1)).get(0);
        return Db.update(connection, "DELETE FROM domain_events WHERE sequence <= ? AND occurred_at < ?",
                passedByAll, before);
    }
}

package io.hatidata.webhooks;

import io.hatidata.api.webhooks.Webhook;
import io.hatidata.api.webhooks.WebhookDelivery;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Statements on {@code webhook_deliveries}, the durable outbox; every method works inside the caller's
 * transaction. A row goes {@code pending} → {@code delivering} (claimed, with a lease) → {@code delivered},
 * or back to {@code pending} for a retry, or {@code failed} when no retry is left. A row whose lease ran
 * out while {@code delivering} (the process died during the attempt) is due again.
 */
final class Outbox {
    private static final String COLUMNS = "id, webhook_id, event_id, event_type, status, attempts, response_code,"
            + " latency_ms, last_error, next_attempt_at, created_at, delivered_at";
    private static final String DUE = "((d.status = 'pending' AND d.next_attempt_at <= ?)"
            + " OR (d.status = 'delivering' AND d.lease_until < ?))";

    /**
     * Queues the event for the webhook unless it already is (the pair is unique: a redelivered event
     * queues nothing). Returns whether a row was added.
     */
    boolean enqueue(Connection connection, String deliveryId, String webhookId, String eventId, String eventType,
            String payload, Instant eventCreatedAt, Instant now) throws SQLException {
        if (!Jdbc.query(connection, "SELECT id FROM webhook_deliveries WHERE event_id = ? AND webhook_id = ?",
                row -> row.getString(1), eventId, webhookId).isEmpty()) {
            return false;
        }
        Jdbc.update(connection, "INSERT INTO webhook_deliveries (id, webhook_id, event_id, event_type, payload,"
                        + " event_created_at, status, attempts, next_attempt_at, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
                deliveryId, webhookId, eventId, eventType, payload, eventCreatedAt, WebhookDelivery.PENDING, now, now);
        return true;
    }

    /**
     * Claims up to {@code limit} due deliveries of active webhooks, oldest due first: marks them
     * {@code delivering} until {@code leaseUntil} and counts the attempt.
     */
    List<ClaimedDelivery> claimDue(Connection connection, Instant now, Instant leaseUntil, int limit) throws SQLException {
        List<ClaimedDelivery> candidates = Jdbc.query(connection,
                "SELECT d.id, d.webhook_id, d.event_id, d.event_type, d.payload, d.event_created_at, d.attempts"
                        + " FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id"
                        + " WHERE w.status = ? AND " + DUE + " ORDER BY d.next_attempt_at, d.id"
                        + " FETCH FIRST " + limit + " ROWS ONLY",
                row -> new ClaimedDelivery(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getTimestamp(6).toInstant(), row.getInt(7) + 1),
                Webhook.ACTIVE, now, now);
        List<ClaimedDelivery> result = new ArrayList<>(candidates.size());
        for (ClaimedDelivery each : candidates) {
            int claimed = Jdbc.update(connection, "UPDATE webhook_deliveries d SET status = ?, lease_until = ?,"
                    + " attempts = attempts + 1 WHERE id = ? AND " + DUE, WebhookDelivery.DELIVERING, leaseUntil,
                    each.id(), now, now);
            if (claimed == 1) {
                result.add(each);
            }
        }
        return result;
    }

    /** The attempt got a 2xx answer. */
    void delivered(Connection connection, String deliveryId, int statusCode, long latencyMs, Instant now) throws SQLException {
        Jdbc.update(connection, "UPDATE webhook_deliveries SET status = ?, response_code = ?, latency_ms = ?,"
                        + " last_error = NULL, lease_until = NULL, next_attempt_at = NULL, delivered_at = ? WHERE id = ?",
                WebhookDelivery.DELIVERED, statusCode, latencyMs, now, deliveryId);
    }

    /** The attempt failed: tried again at {@code nextAttemptAt}, or failed for good when that is {@code null}. */
    void attemptFailed(Connection connection, String deliveryId, Integer statusCode, long latencyMs, String error,
            Instant nextAttemptAt) throws SQLException {
        Jdbc.update(connection, "UPDATE webhook_deliveries SET status = ?, response_code = ?, latency_ms = ?,"
                        + " last_error = ?, lease_until = NULL, next_attempt_at = ? WHERE id = ?",
                nextAttemptAt == null ? WebhookDelivery.FAILED : WebhookDelivery.PENDING,
                Jdbc.orNull(statusCode, Jdbc.Null.INTEGER), latencyMs, Jdbc.orNull(bounded(error), Jdbc.Null.VARCHAR),
                Jdbc.orNull(nextAttemptAt, Jdbc.Null.TIMESTAMP), deliveryId);
    }

    /** Up to {@code limit} deliveries of the webhook with an id after {@code after}, by id. */
    List<WebhookDelivery> list(Connection connection, String webhookId, String after, int limit) throws SQLException {
        return Jdbc.query(connection, "SELECT " + COLUMNS + " FROM webhook_deliveries WHERE webhook_id = ? AND id > ?"
                + " ORDER BY id FETCH FIRST " + limit + " ROWS ONLY", Outbox::map, webhookId, after);
    }

    int count(Connection connection, String webhookId) throws SQLException {
        return Jdbc.query(connection, "SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = ?",
                row -> row.getInt(1), webhookId).get(0);
    }

    Optional<WebhookDelivery> find(Connection connection, String deliveryId) throws SQLException {
        return Jdbc.query(connection, "SELECT " + COLUMNS + " FROM webhook_deliveries WHERE id = ?", Outbox::map, deliveryId)
                .stream().findFirst();
    }

    /** Deletes finished deliveries created before {@code before}; returns how many. */
    int purgeFinished(Connection connection, Instant before) throws SQLException {
        return Jdbc.update(connection, "DELETE FROM webhook_deliveries WHERE status IN (?, ?) AND created_at < ?",
                WebhookDelivery.DELIVERED, WebhookDelivery.FAILED, before);
    }

    private static String bounded(String error) {
        return error == null || error.length() <= 500 ? error : error.substring(0, 497) + "...";
    }

    private static WebhookDelivery map(ResultSet row) throws SQLException {
        long latency = row.getLong("latency_ms");
        Long latencyMs = row.wasNull() ? null : latency;
        return new WebhookDelivery(row.getString("id"), row.getString("webhook_id"), row.getString("event_id"),
                row.getString("event_type"), row.getString("status"), row.getInt("attempts"),
                Jdbc.integer(row, "response_code"), latencyMs, row.getString("last_error"),
                Jdbc.instant(row, "next_attempt_at"), Jdbc.instant(row, "created_at"), Jdbc.instant(row, "delivered_at"));
    }
}

package io.hatidata.webhooks;

import io.hatidata.api.webhooks.Webhook;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Statements on the {@code webhooks} table; every method works inside the caller's transaction. */
final class WebhookRows {
    private static final String COLUMNS = "id, org_id, url, description, events, status, secret, previous_secret,"
            + " previous_secret_expires_at, failure_count, last_delivered_at, last_status_code, created_at, updated_at";

    void insert(Connection connection, Webhook webhook, String encryptedSecret, String createdBy) throws SQLException {
        Jdbc.update(connection, "INSERT INTO webhooks (id, org_id, url, description, events, status, secret, failure_count,"
                        + " created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
                webhook.id(), webhook.organizationId(), webhook.url(), webhook.description(),
                String.join(" ", webhook.events()), webhook.status(), encryptedSecret, createdBy, webhook.createdAt(),
                webhook.updatedAt());
    }

    Optional<WebhookRow> find(Connection connection, String webhookId) throws SQLException {
        return Jdbc.query(connection, "SELECT " + COLUMNS + " FROM webhooks WHERE id = ?", WebhookRows::map, webhookId)
                .stream().findFirst();
    }

    /** The webhook when it belongs to the organization. */
    Optional<WebhookRow> find(Connection connection, String organizationId, String webhookId) throws SQLException {
        return find(connection, webhookId).filter(each -> each.webhook().organizationId().equals(organizationId));
    }

    /** Up to {@code limit} webhooks of the organization with an id after {@code after}, by id. */
    List<Webhook> list(Connection connection, String organizationId, String after, int limit) throws SQLException {
        return Jdbc.query(connection, "SELECT " + COLUMNS + " FROM webhooks WHERE org_id = ? AND id > ? ORDER BY id"
                + " FETCH FIRST " + limit + " ROWS ONLY", row -> map(row).webhook(), organizationId, after);
    }

    int count(Connection connection, String organizationId) throws SQLException {
        return Jdbc.query(connection, "SELECT COUNT(*) FROM webhooks WHERE org_id = ?", row -> row.getInt(1), organizationId)
                .get(0);
    }

    /** The active webhooks of the organization that subscribe to the event type. */
    List<String> subscribers(Connection connection, String organizationId, String eventType) throws SQLException {
        return Jdbc.query(connection, "SELECT id, events FROM webhooks WHERE org_id = ? AND status = ? ORDER BY id",
                row -> Arrays.asList(row.getString("events").split(" ")).contains(eventType) ? row.getString("id") : null,
                organizationId, Webhook.ACTIVE).stream().filter(each -> each != null).toList();
    }

    void update(Connection connection, Webhook changed, boolean clearFailures) throws SQLException {
        Jdbc.update(connection, "UPDATE webhooks SET url = ?, description = ?, events = ?, status = ?, updated_at = ?"
                        + (clearFailures ? ", failure_count = 0" : "") + " WHERE id = ?",
                changed.url(), changed.description(), String.join(" ", changed.events()), changed.status(),
                changed.updatedAt(), changed.id());
    }

    void rotate(Connection connection, String webhookId, String newSecret, String previousSecret, Instant previousExpiresAt,
            Instant now) throws SQLException {
        Jdbc.update(connection, "UPDATE webhooks SET secret = ?, previous_secret = ?, previous_secret_expires_at = ?,"
                + " updated_at = ? WHERE id = ?", newSecret, previousSecret, previousExpiresAt, now, webhookId);
    }

    void delete(Connection connection, String webhookId) throws SQLException {
        Jdbc.update(connection, "DELETE FROM webhook_deliveries WHERE webhook_id = ?", webhookId);
        Jdbc.update(connection, "DELETE FROM webhooks WHERE id = ?", webhookId);
    }

    /** A delivery succeeded: the failure count starts again. */
    void recordSuccess(Connection connection, String webhookId, int statusCode, Instant now) throws SQLException {
        Jdbc.update(connection, "UPDATE webhooks SET failure_count = 0, last_delivered_at = ?, last_status_code = ?"
                + " WHERE id = ?", now, statusCode, webhookId);
    }

    /**
     * An attempt failed: counts it, and disables the webhook when {@code disableAfter} (when positive)
     * failures in a row are reached. Returns whether this disabled it.
     */
    boolean recordFailure(Connection connection, String webhookId, Integer statusCode, int disableAfter, Instant now)
            throws SQLException {
        Jdbc.update(connection, "UPDATE webhooks SET failure_count = failure_count + 1, last_status_code = ? WHERE id = ?",
                Jdbc.orNull(statusCode, Jdbc.Null.INTEGER), webhookId);
        return disableAfter > 0 && Jdbc.update(connection, "UPDATE webhooks SET status = ?, updated_at = ?"
                + " WHERE id = ? AND status = ? AND failure_count >= ?", Webhook.DISABLED, now, webhookId, Webhook.ACTIVE,
                disableAfter) == 1;
    }

    private static WebhookRow map(ResultSet row) throws SQLException {
        String events = row.getString("events");
        Instant previousExpiresAt = Jdbc.instant(row, "previous_secret_expires_at");
        Webhook webhook = new Webhook(row.getString("id"), row.getString("org_id"), row.getString("url"),
                row.getString("description"), events.isEmpty() ? List.of() : List.of(events.split(" ")),
                row.getString("status"), Jdbc.instant(row, "last_delivered_at"), Jdbc.integer(row, "last_status_code"),
                row.getInt("failure_count"), previousExpiresAt != null && previousExpiresAt.isAfter(Instant.now()),
                Jdbc.instant(row, "created_at"), Jdbc.instant(row, "updated_at"));
        return new WebhookRow(webhook, row.getString("secret"), row.getString("previous_secret"), previousExpiresAt);
    }
}

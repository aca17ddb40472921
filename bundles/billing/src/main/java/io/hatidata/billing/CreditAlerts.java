package io.hatidata.billing;

import io.hatidata.api.billing.Quota;
import io.hatidata.api.billing.Quotas;
import io.hatidata.api.controlplane.DomainEvent;
import io.hatidata.api.controlplane.DomainEventPublisher;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Publishes {@code billing.warning} (an alert threshold of the monthly credit limit reached) and
 * {@code billing.quota_exceeded} (a statement refused by a quota) as domain events, each once per billing
 * period, organization and limit value: the {@code billing_alerts} row and the event are written in the
 * same transaction, so an alert is neither lost nor repeated across restarts. A limit the owner changes
 * gets its own alerts.
 */
final class CreditAlerts {
    private final DomainEventPublisher events;

    CreditAlerts(DomainEventPublisher events) {
        this.events = events;
    }

    /** After usage of the organization was stored: a warning for each threshold now reached. */
    void checkThresholds(Connection connection, Quotas quotas, YearMonth period, Instant now) throws SQLException {
        long limit = quotas.limit(Quota.MONTHLY_CREDIT_LIMIT);
        if (limit == Quotas.UNLIMITED || limit == 0) {
            return;
        }
        long used = BillingStore.periodMilli(connection, quotas.organizationId(), period);
        for (int threshold : quotas.alertThresholds()) {
            // used (thousandths) / (limit × 1000) ≥ threshold / 100
            if (used * 100 >= (long) threshold * limit * 1000) {
                Map<String, String> data = new LinkedHashMap<>();
                data.put("threshold_percent", Integer.toString(threshold));
                data.put("monthly_credit_limit", Long.toString(limit));
                data.put("credits_used", Double.toString(CreditFormula.credits(used)));
                data.put("usage_percent", Double.toString(Math.floor(used / (double) limit / 10.0 * 100) / 100));
                data.put("billing_period", period.toString());
                once(connection, quotas.organizationId(), period, "warning:" + threshold + ":" + limit,
                        "billing.warning", data, now);
            }
        }
    }

    /** A statement was refused by a quota. */
    void quotaExceeded(Connection connection, String organizationId, Quota quota, long limit, YearMonth period,
            Map<String, String> facts, Instant now) throws SQLException {
        Map<String, String> data = new LinkedHashMap<>(facts);
        data.put("quota", quota.json());
        data.put("limit", Long.toString(limit));
        data.put("billing_period", period.toString());
        once(connection, organizationId, period, "quota_exceeded:" + quota.json() + ":" + limit,
                "billing.quota_exceeded", data, now);
    }

    private void once(Connection connection, String organizationId, YearMonth period, String alert, String type,
            Map<String, String> data, Instant now) throws SQLException {
        if (Jdbc.queryLong(connection, "SELECT COUNT(*) FROM billing_alerts WHERE org_id = ? AND period = ? AND alert = ?",
                organizationId, period.toString(), alert) > 0) {
            return;
        }
        Jdbc.update(connection, "INSERT INTO billing_alerts (org_id, period, alert, sent_at) VALUES (?, ?, ?, ?)",
                organizationId, period.toString(), alert, now.toEpochMilli());
        events.publish(connection, new DomainEvent(type, organizationId, "", organizationId, data, now));
    }
}

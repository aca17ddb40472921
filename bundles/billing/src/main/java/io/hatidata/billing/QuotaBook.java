package io.hatidata.billing;

import io.hatidata.api.billing.Quota;
import io.hatidata.api.billing.QuotaChanges;
import io.hatidata.api.billing.Quotas;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.Tier;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The effective quotas of each organization: the tier defaults (or no limit, when
 * {@code enforceTierDefaults} is off) with the owner's overrides, cached for {@code cacheSeconds} (a change
 * made through this bundle applies at once).
 */
@Component(configurationPid = BillingPids.BILLING, service = QuotaBook.class)
public final class QuotaBook {
    private static final int MAX_THRESHOLD = 1000;

    private final BillingStore store;
    private final TtlCache<String, Quotas> cache;
    private final boolean enforceTierDefaults;

    @Activate
    public QuotaBook(@Reference BillingStore store, BillingConfig config) {
        this(store, config.cacheSeconds(), config.enforceTierDefaults());
    }

    QuotaBook(BillingStore store, int cacheSeconds, boolean enforceTierDefaults) {
        this.store = store;
        this.enforceTierDefaults = enforceTierDefaults;
        this.cache = new TtlCache<>(TimeUnit.SECONDS.toNanos(cacheSeconds), 10_000, System::nanoTime);
    }

    /** The organization's effective quotas. */
    Quotas of(String organizationId) throws Exception {
        return cache.get(organizationId, this::load);
    }

    /** Applies an owner's changes in one transaction and answers the new effective quotas. */
    Quotas update(String organizationId, QuotaChanges changes) throws Exception {
        validate(changes);
        long now = System.currentTimeMillis();
        store.jdbc().inTransaction(connection -> {
            for (Map.Entry<Quota, Long> each : changes.limits().entrySet()) {
                Jdbc.update(connection, "DELETE FROM billing_quotas WHERE org_id = ? AND quota = ?", organizationId,
                        each.getKey().json());
                if (each.getValue() != null) {
                    Jdbc.update(connection, "INSERT INTO billing_quotas (org_id, quota, limit_value, updated_at)"
                            + " VALUES (?, ?, ?, ?)", organizationId, each.getKey().json(), each.getValue(), now);
                }
            }
            if (changes.alertThresholds() != null) {
                Jdbc.update(connection, "DELETE FROM billing_alert_thresholds WHERE org_id = ?", organizationId);
                Jdbc.update(connection, "INSERT INTO billing_alert_thresholds (org_id, thresholds, updated_at)"
                        + " VALUES (?, ?, ?)", organizationId, join(new TreeSet<>(changes.alertThresholds())), now);
            }
            return null;
        });
        cache.invalidate(organizationId);
        return of(organizationId);
    }

    private Quotas load(String organizationId) throws Exception {
        Tier tier = store.tier(organizationId);
        return store.jdbc().inTransaction(connection -> {
            Map<Quota, Long> limits = new EnumMap<>(Quota.class);
            Set<Quota> overridden = EnumSet.noneOf(Quota.class);
            for (Quota each : Quota.values()) {
                limits.put(each, enforceTierDefaults ? each.defaultFor(tier) : Quotas.UNLIMITED);
            }
            for (Object[] row : Jdbc.query(connection, "SELECT quota, limit_value FROM billing_quotas WHERE org_id = ?",
                    row -> new Object[] {row.getString(1), row.getLong(2)}, organizationId)) {
                Quota.fromJson((String) row[0]).ifPresent(quota -> {
                    limits.put(quota, (Long) row[1]);
                    overridden.add(quota);
                });
            }
            List<Integer> thresholds = Quotas.DEFAULT_ALERT_THRESHOLDS;
            for (String text : Jdbc.query(connection, "SELECT thresholds FROM billing_alert_thresholds WHERE org_id = ?",
                    row -> row.getString(1), organizationId)) {
                thresholds = parse(text);
            }
            return new Quotas(organizationId, tier, limits, overridden, thresholds);
        });
    }

    /** The control plane's check before adding an environment, user or key (see {@code OrganizationQuotas}). */
    void requireRoom(Connection transaction, String organizationId, Quota quota, String environmentId)
            throws SQLException {
        long limit;
        try {
            limit = of(organizationId).limit(quota);
        } catch (SQLException ex) {
            throw ex;
        } catch (Exception ex) {
            throw new SQLException("cannot read the quotas", ex);
        }
        if (limit == Quotas.UNLIMITED) {
            return;
        }
        long count = switch (quota) {
            case MAX_ENVIRONMENTS -> Jdbc.queryLong(transaction,
                    "SELECT COUNT(*) FROM environments WHERE org_id = ? AND status <> 'deleted'", organizationId);
            case MAX_USERS -> Jdbc.queryLong(transaction,
                    "SELECT COUNT(*) FROM users WHERE org_id = ? AND status <> 'removed'", organizationId);
            case MAX_API_KEYS_PER_ENVIRONMENT -> Jdbc.queryLong(transaction, "SELECT COUNT(*) FROM api_keys"
                    + " WHERE environment_id = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)",
                    environmentId, new java.sql.Timestamp(System.currentTimeMillis()));
            default -> throw new IllegalArgumentException("not a resource quota: " + quota.json());
        };
        if (count + 1 > limit) {
            throw new ControlPlaneException(ControlPlaneException.Reason.QUOTA_EXCEEDED, "the organization's "
                    + quota.json() + " quota (" + limit + ") is reached", Map.of("quota", quota.json(),
                            "limit", Long.toString(limit), "current", Long.toString(count)), 0);
        }
    }

    private static void validate(QuotaChanges changes) {
        for (Map.Entry<Quota, Long> each : changes.limits().entrySet()) {
            Long value = each.getValue();
            if (value != null && value != Quotas.UNLIMITED && value < 0) {
                throw ControlPlaneException.invalid(each.getKey().json(), "minimum",
                        each.getKey().json() + " must be 0 or more, or null for the tier default");
            }
        }
        if (changes.alertThresholds() != null) {
            if (changes.alertThresholds().size() > 10) {
                throw ControlPlaneException.invalid("alert_thresholds", "max_items", "at most 10 alert thresholds");
            }
            for (Integer each : changes.alertThresholds()) {
                if (each == null || each < 1 || each > MAX_THRESHOLD) {
                    throw ControlPlaneException.invalid("alert_thresholds", "range",
                            "alert thresholds are percentages from 1 to " + MAX_THRESHOLD);
                }
            }
        }
    }

    private static String join(Set<Integer> thresholds) {
        List<String> parts = new ArrayList<>();
        thresholds.forEach(each -> parts.add(Integer.toString(each)));
        return String.join(",", parts);
    }

    private static List<Integer> parse(String text) {
        List<Integer> result = new ArrayList<>();
        for (String each : text.split(",")) {
            if (!each.isBlank()) {
                result.add(Integer.parseInt(each.trim()));
            }
        }
        return result;
    }
}

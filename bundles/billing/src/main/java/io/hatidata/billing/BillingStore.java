package io.hatidata.billing;

import io.hatidata.api.controlplane.Tier;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Billing's access to the control-plane store: migrates billing's tables on activation, writes the
 * hourly roll-ups, and reads (cached for {@code cacheSeconds}) the control plane's facts billing needs: an
 * organization's tier, an environment's name, whether a key is an {@code hd_test_} key and which agent an
 * {@code hd_agent_} key belongs to. Those come from the control plane's tables read-only (the
 * control-plane API offers them only to authorized callers, and the meter has none).
 */
@Component(configurationPid = BillingPids.BILLING, service = BillingStore.class)
@Designate(ocd = BillingConfig.class)
public final class BillingStore {
    private final Jdbc jdbc;
    private final TtlCache<String, Tier> tiers;
    private final TtlCache<String, KeyFacts> keys;

    @Activate
    public BillingStore(@Reference(name = "dataSource") DataSource dataSource, BillingConfig config)
            throws SQLException {
        this(dataSource, config.cacheSeconds());
    }

    BillingStore(DataSource dataSource, int cacheSeconds) throws SQLException {
        BillingSchema.migrate(dataSource);
        this.jdbc = new Jdbc(dataSource);
        long ttl = TimeUnit.SECONDS.toNanos(cacheSeconds);
        this.tiers = new TtlCache<>(ttl, 10_000, System::nanoTime);
        this.keys = new TtlCache<>(TimeUnit.SECONDS.toNanos(Math.max(cacheSeconds, 60)), 100_000, System::nanoTime);
    }

    Jdbc jdbc() {
        return jdbc;
    }

    /** The organization's tier; {@code free} for an organization the store does not know. */
    Tier tier(String organizationId) throws Exception {
        return tiers.get(organizationId, id -> jdbc.inTransaction(connection -> Jdbc.query(connection,
                "SELECT tier FROM organizations WHERE id = ?", row -> row.getString(1), id)).stream()
                .findFirst().flatMap(Tier::fromJson).orElse(Tier.FREE));
    }

    /** The facts of a key ({@link KeyFacts#NONE} for an empty id or an unknown key). A key's prefix never changes. */
    KeyFacts key(String keyId) throws Exception {
        if (keyId.isEmpty()) {
            return KeyFacts.NONE;
        }
        return keys.get(keyId, id -> jdbc.inTransaction(connection -> Jdbc.query(connection,
                "SELECT key_prefix, agent_name FROM api_keys WHERE id = ?",
                row -> new KeyFacts(row.getString(1).startsWith("hd_test_"),
                        row.getString(2) == null ? "" : row.getString(2)), id)).stream()
                .findFirst().orElse(KeyFacts.NONE));
    }

    /** The organization's environments (id → name), including deleted ones that may have usage. */
    Map<String, String> environments(String organizationId) {
        return jdbc.serviceTransaction(connection -> {
            Map<String, String> result = new LinkedHashMap<>();
            for (String[] each : Jdbc.query(connection, "SELECT id, name FROM environments WHERE org_id = ? ORDER BY id",
                    row -> new String[] {row.getString(1), row.getString(2)}, organizationId)) {
                result.put(each[0], each[1]);
            }
            return result;
        });
    }

    /** Adds the deltas to the roll-ups (UPDATE, else INSERT); callers serialise calls (one flusher). */
    static void add(Connection connection, Map<UsageKey, UsageDelta> batch) throws SQLException {
        for (Map.Entry<UsageKey, UsageDelta> each : batch.entrySet()) {
            UsageKey key = each.getKey();
            UsageDelta delta = each.getValue();
            int billable = key.billable() ? 1 : 0;
            int updated = Jdbc.update(connection, "UPDATE billing_usage_hourly SET query_count = query_count + ?,"
                    + " credits_milli = credits_milli + ?, row_count = row_count + ? WHERE org_id = ? AND hour_start = ?"
                    + " AND env_id = ? AND key_id = ? AND agent_id = ? AND statement_kind = ? AND billable = ?",
                    delta.queries(), delta.milliCredits(), delta.rows(), key.organizationId(), key.hourStart(),
                    key.environmentId(), key.keyId(), key.agentId(), key.kind(), billable);
            if (updated == 0) {
                Jdbc.update(connection, "INSERT INTO billing_usage_hourly (org_id, hour_start, env_id, key_id, agent_id,"
                        + " statement_kind, billable, query_count, credits_milli, row_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        key.organizationId(), key.hourStart(), key.environmentId(), key.keyId(), key.agentId(),
                        key.kind(), billable, delta.queries(), delta.milliCredits(), delta.rows());
            }
        }
    }

    /** The billable credits (thousandths) of the organization in the month, as stored. */
    static long periodMilli(Connection connection, String organizationId, YearMonth period) throws SQLException {
        long from = period.atDay(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long to = period.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        return Jdbc.queryLong(connection, "SELECT COALESCE(SUM(credits_milli), 0) FROM billing_usage_hourly"
                + " WHERE org_id = ? AND hour_start >= ? AND hour_start < ? AND billable = 1", organizationId, from, to);
    }

    /** The billable credits (thousandths) an agent's statements used on one UTC day, as stored. */
    static long agentDayMilli(Connection connection, String organizationId, String agentId, LocalDate day)
            throws SQLException {
        long from = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        return Jdbc.queryLong(connection, "SELECT COALESCE(SUM(credits_milli), 0) FROM billing_usage_hourly"
                + " WHERE org_id = ? AND agent_id = ? AND hour_start >= ? AND hour_start < ? AND billable = 1",
                organizationId, agentId, from, to);
    }

    /** One aggregated slice of usage rows. */
    record Slice(String group, long hourStart, String kind, boolean billable, UsageDelta usage) {}

    /**
     * Usage rows of the organization in [from, to) (epoch seconds), summed per {@code groupColumn}, hour,
     * kind and billability, optionally restricted to one key or agent.
     */
    List<Slice> slices(String organizationId, long from, long to, String groupColumn, String filterColumn,
            String filterValue) {
        String filter = filterColumn == null ? "" : " AND " + filterColumn + " = ?";
        String sql = "SELECT " + groupColumn + ", hour_start, statement_kind, billable, SUM(query_count),"
                + " SUM(credits_milli), SUM(row_count) FROM billing_usage_hourly WHERE org_id = ? AND hour_start >= ?"
                + " AND hour_start < ?" + filter + " GROUP BY " + groupColumn + ", hour_start, statement_kind, billable";
        Object[] parameters = filterColumn == null ? new Object[] {organizationId, from, to}
                : new Object[] {organizationId, from, to, filterValue};
        return jdbc.serviceTransaction(connection -> Jdbc.query(connection, sql, row -> new Slice(row.getString(1),
                row.getLong(2), row.getString(3), row.getInt(4) == 1,
                new UsageDelta(row.getLong(5), row.getLong(6), row.getLong(7))), parameters));
    }

    /** Whether the key exists in the organization. */
    boolean keyInOrganization(String organizationId, String keyId) {
        return jdbc.serviceTransaction(connection -> Jdbc.queryLong(connection,
                "SELECT COUNT(*) FROM api_keys WHERE id = ? AND org_id = ?", keyId, organizationId) > 0);
    }
}

package io.hatidata.rest.v1;

import io.hatidata.api.billing.EnvironmentUsage;
import io.hatidata.api.billing.Granularity;
import io.hatidata.api.billing.QueryCounts;
import io.hatidata.api.billing.Quota;
import io.hatidata.api.billing.Quotas;
import io.hatidata.api.billing.SubjectUsage;
import io.hatidata.api.billing.UsageBucket;
import io.hatidata.api.billing.UsageReport;
import io.hatidata.api.billing.UsageTotals;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON shapes of the billing endpoints; {@code null} stands for an unlimited quota. */
final class BillingViews {
    private BillingViews() {}

    static Map<String, Object> usage(UsageReport report) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("org_id", report.organizationId());
        result.put("tier", report.quotas().tier().json());
        result.put("billing_period", Map.of("start", report.periodStart().toString(), "end", report.periodEnd().toString()));
        long limit = report.quotas().limit(Quota.MONTHLY_CREDIT_LIMIT);
        Map<String, Object> credits = new LinkedHashMap<>();
        credits.put("limit", limit == Quotas.UNLIMITED ? null : limit);
        credits.put("used", report.periodUsed());
        credits.put("remaining", limit == Quotas.UNLIMITED ? null : Math.max(0, limit - report.periodUsed()));
        credits.put("usage_percent", limit == Quotas.UNLIMITED || limit == 0 ? null
                : Math.round(report.periodUsed() / limit * 10_000) / 100.0);
        result.put("credits", credits);
        result.put("start_date", report.start().toString());
        result.put("end_date", report.end().toString());
        result.put("group_by", report.groupBy().json());
        result.put("totals", totals(report.total()));
        Map<String, Object> breakdown = new LinkedHashMap<>();
        breakdown.put("queries", queries(report.queries()));
        List<Map<String, Object>> environments = new ArrayList<>();
        for (EnvironmentUsage each : report.byEnvironment()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("env_id", each.environmentId());
            row.put("name", each.name());
            row.put("credits_used", each.usage().credits());
            row.put("query_count", each.usage().queries());
            environments.add(row);
        }
        breakdown.put("by_environment", environments);
        breakdown.put("by_day", buckets(report.buckets(), report.groupBy()));
        breakdown.put("test_keys", Map.of("credits_used", report.testKeys().credits(),
                "query_count", report.testKeys().queries()));
        result.put("breakdown", breakdown);
        long storageLimit = report.quotas().limit(Quota.STORAGE_LIMIT_GB);
        Map<String, Object> storage = new LinkedHashMap<>();
        storage.put("total_gb", report.storageGb());
        storage.put("limit_gb", storageLimit == Quotas.UNLIMITED ? null : storageLimit);
        result.put("storage", storage);
        return result;
    }

    static Map<String, Object> quotas(Quotas quotas) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("org_id", quotas.organizationId());
        result.put("tier", quotas.tier().json());
        Map<String, Object> limits = new LinkedHashMap<>();
        List<String> overridden = new ArrayList<>();
        for (Quota each : Quota.values()) {
            long limit = quotas.limit(each);
            limits.put(each.json(), limit == Quotas.UNLIMITED ? null : limit);
            if (quotas.overridden().contains(each)) {
                overridden.add(each.json());
            }
        }
        result.put("quotas", limits);
        result.put("overridden", overridden);
        result.put("alerts", Map.of("thresholds", quotas.alertThresholds(), "event", "billing.warning"));
        return result;
    }

    static Map<String, Object> subject(SubjectUsage usage) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("org_id", usage.organizationId());
        result.put(usage.subject().equals("key") ? "key_id" : "agent_id", usage.id());
        result.put("billable", usage.billable());
        result.put("start_date", usage.start().toString());
        result.put("end_date", usage.end().toString());
        result.put("total_queries", usage.total().queries());
        result.put("total_credits", usage.total().credits());
        result.put("total_rows", usage.total().rows());
        result.put("queries", queries(usage.queries()));
        result.put("by_day", buckets(usage.buckets(), Granularity.DAY));
        return result;
    }

    private static Map<String, Object> totals(UsageTotals totals) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("credits_used", totals.credits());
        result.put("query_count", totals.queries());
        result.put("row_count", totals.rows());
        return result;
    }

    private static Map<String, Object> queries(QueryCounts counts) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("total", counts.total());
        result.put("select", counts.select());
        result.put("insert", counts.insert());
        result.put("update", counts.update());
        result.put("delete", counts.delete());
        result.put("other", counts.other());
        return result;
    }

    private static List<Map<String, Object>> buckets(List<UsageBucket> buckets, Granularity granularity) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (UsageBucket each : buckets) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("date", granularity == Granularity.HOUR ? each.start().toString()
                    : each.start().atOffset(ZoneOffset.UTC).toLocalDate().toString());
            row.put("credits_used", each.usage().credits());
            row.put("query_count", each.usage().queries());
            result.add(row);
        }
        return result;
    }
}

package io.hatidata.billing;

import io.hatidata.api.billing.BillingService;
import io.hatidata.api.billing.EnvironmentUsage;
import io.hatidata.api.billing.Granularity;
import io.hatidata.api.billing.QuotaChanges;
import io.hatidata.api.billing.Quotas;
import io.hatidata.api.billing.SubjectUsage;
import io.hatidata.api.billing.UsageBucket;
import io.hatidata.api.billing.UsageReport;
import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.runtime.DataDirectory;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BillingService} over the roll-ups. Reads flush the meter first, so a report includes every
 * statement that ended before the request.
 */
@Component(configurationPid = BillingPids.BILLING, service = BillingService.class)
public final class DefaultBillingService implements BillingService {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultBillingService.class);

    private final BillingStore store;
    private final QuotaBook quotas;
    private final CreditMeter meter;
    private final StorageFootprint storage;
    private final Clock clock;

    @Activate
    public DefaultBillingService(@Reference BillingStore store, @Reference QuotaBook quotas,
            @Reference CreditMeter meter, BillingConfig config) {
        this(store, quotas, meter, new StorageFootprint(DataDirectory.resolve(config.dataDir()).resolve("environments")),
                Clock.systemUTC());
    }

    DefaultBillingService(BillingStore store, QuotaBook quotas, CreditMeter meter, StorageFootprint storage,
            Clock clock) {
        this.store = store;
        this.quotas = quotas;
        this.meter = meter;
        this.storage = storage;
        this.clock = clock;
    }

    @Override
    public UsageReport usage(Caller caller, String organizationId, LocalDate start, LocalDate end, Granularity groupBy) {
        BillingAccess.requireBilling(caller, organizationId);
        LocalDate today = LocalDate.now(clock);
        UsageRange range = UsageRange.of(start, end, groupBy, today);
        flush();
        Quotas current = call(() -> quotas.of(organizationId));
        Map<String, String> names = store.environments(organizationId);
        UsageTally total = new UsageTally();
        UsageTally tests = new UsageTally();
        Map<String, UsageTally> byEnvironment = new LinkedHashMap<>();
        Map<Instant, UsageTally> byBucket = new LinkedHashMap<>();
        range.buckets().forEach(each -> byBucket.put(each, new UsageTally()));
        for (BillingStore.Slice each : store.slices(organizationId, range.fromEpochSecond(), range.toEpochSecond(),
                "env_id", null, null)) {
            if (!each.billable()) {
                tests.add(each.kind(), each.usage());
                continue;
            }
            total.add(each.kind(), each.usage());
            byEnvironment.computeIfAbsent(each.group(), key -> new UsageTally()).add(each.kind(), each.usage());
            byBucket.computeIfAbsent(range.bucketOf(each.hourStart()), key -> new UsageTally()).add(each.kind(), each.usage());
        }
        List<EnvironmentUsage> environments = new ArrayList<>();
        byEnvironment.forEach((id, tally) -> environments.add(
                new EnvironmentUsage(id, names.getOrDefault(id, id), tally.totals())));
        List<UsageBucket> buckets = new ArrayList<>();
        byBucket.forEach((bucket, tally) -> buckets.add(new UsageBucket(bucket, tally.totals())));
        YearMonth period = YearMonth.from(today);
        return new UsageReport(organizationId, current, period.atDay(1), period.atEndOfMonth(),
                CreditFormula.credits(meter.periodMilli(organizationId)), range.start(), range.end(),
                range.granularity(), total.totals(), total.counts(), environments, buckets, tests.totals(),
                storage.gigabytes(names.keySet()));
    }

    @Override
    public Quotas quotas(Caller caller, String organizationId) {
        BillingAccess.requireBilling(caller, organizationId);
        return call(() -> quotas.of(organizationId));
    }

    @Override
    public Quotas updateQuotas(Caller caller, String organizationId, QuotaChanges changes) {
        BillingAccess.requireBilling(caller, organizationId);
        Quotas result = call(() -> quotas.update(organizationId, changes));
        meter.checkAlerts(organizationId);
        return result;
    }

    @Override
    public SubjectUsage keyUsage(Caller caller, String organizationId, String keyId, LocalDate start, LocalDate end) {
        BillingAccess.requireUsageReader(caller, organizationId);
        if (keyId == null || !store.keyInOrganization(organizationId, keyId)) {
            throw ControlPlaneException.notFound("key");
        }
        boolean billable = !call(() -> store.key(keyId)).test();
        return subject(organizationId, "key", keyId, billable, "key_id", start, end);
    }

    @Override
    public SubjectUsage agentUsage(Caller caller, String organizationId, String agentId, LocalDate start,
            LocalDate end) {
        BillingAccess.requireUsageReader(caller, organizationId);
        if (agentId == null || agentId.isBlank() || agentId.length() > Attribution.MAX_AGENT_LENGTH) {
            throw ControlPlaneException.invalid("agent_id", "format", "agent_id is 1 to 128 characters");
        }
        return subject(organizationId, "agent", agentId, true, "agent_id", start, end);
    }

    private SubjectUsage subject(String organizationId, String subject, String id, boolean billable, String column,
            LocalDate start, LocalDate end) {
        UsageRange range = UsageRange.of(start, end, Granularity.DAY, LocalDate.now(clock));
        flush();
        UsageTally total = new UsageTally();
        Map<Instant, UsageTally> byDay = new LinkedHashMap<>();
        range.buckets().forEach(each -> byDay.put(each, new UsageTally()));
        for (BillingStore.Slice each : store.slices(organizationId, range.fromEpochSecond(), range.toEpochSecond(),
                column, column, id)) {
            total.add(each.kind(), each.usage());
            byDay.get(range.bucketOf(each.hourStart())).add(each.kind(), each.usage());
        }
        List<UsageBucket> buckets = new ArrayList<>();
        byDay.forEach((day, tally) -> buckets.add(new UsageBucket(day, tally.totals())));
        return new SubjectUsage(organizationId, subject, id, billable, range.start(), range.end(), total.totals(),
                total.counts(), buckets);
    }

    private void flush() {
        try {
            meter.flush();
        } catch (Exception ex) {
            LOG.warn("Pending usage could not be written before a report; the report may lag", ex);
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws Exception;
    }

    private static <T> T call(Call<T> work) {
        try {
            return work.run();
        } catch (ControlPlaneException ex) {
            throw ex;
        } catch (Exception ex) {
            LOG.error("Billing store failed", ex);
            throw new ControlPlaneException(ControlPlaneException.Reason.UNAVAILABLE, "billing is unavailable");
        }
    }
}

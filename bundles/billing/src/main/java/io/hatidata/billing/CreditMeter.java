package io.hatidata.billing;

import io.hatidata.api.billing.Quota;
import io.hatidata.api.controlplane.DomainEventPublisher;
import io.hatidata.api.governance.CostEstimate;
import io.hatidata.api.billing.AgentCredits;
import io.hatidata.api.governance.Meter;
import io.hatidata.api.governance.QueryOutcome;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pipeline step 12: the actual credits of each statement (the {@link CreditFormula} over the rows it
 * really produced), attributed to organization, environment, key, agent and statement kind.
 *
 * <p>Exact under concurrency: each statement merges an immutable {@link UsageDelta} into a pending map
 * ({@code ConcurrentHashMap.merge}, atomic per roll-up row); one flusher thread takes entries out with
 * {@code remove} (also atomic) and adds them to {@code billing_usage_hourly} in one transaction, so a
 * delta is either in the batch or stays pending, never both and never lost. A failed flush puts its
 * batch back. Deactivation flushes what is pending, so a restart loses nothing. The billing period's
 * billable credits per organization are kept in memory as well (loaded once from the store), for the
 * quota guard, and so are the billable credits of each agent on the current UTC day ({@link AgentCredits}, for the
 * capability check of {@code credits_per_day}).
 */
@Component(configurationPid = BillingPids.BILLING, service = {Meter.class, CreditMeter.class, AgentCredits.class})
public final class CreditMeter implements Meter, AgentCredits {
    /** The attribute under which the actual credits of a statement are left for audit (a {@link Double}). */
    static final String ACTUAL_CREDITS = "io.hatidata.billing.actualCredits";

    private static final Logger LOG = LoggerFactory.getLogger(CreditMeter.class);

    private final BillingStore store;
    private final QuotaBook quotas;
    private final CreditAlerts alerts;
    private final Clock clock;
    private final int maxPending;
    private final Map<UsageKey, UsageDelta> pending = new ConcurrentHashMap<>();
    private final Map<String, PeriodCredits> periods = new ConcurrentHashMap<>();
    private final Map<String, Boolean> refusalsPublished = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;
    private final AtomicBoolean closed = new AtomicBoolean();

    private static final int MAX_AGENT_DAYS = 10_000;
    private final Map<String, DayCredits> agentDays = new ConcurrentHashMap<>();

    /** The billable credits (thousandths) of one agent on one UTC day. */
    private record DayCredits(LocalDate day, java.util.concurrent.atomic.AtomicLong milli) {}

    /** The billable credits (thousandths) of one organization in one month. */
    private record PeriodCredits(YearMonth period, java.util.concurrent.atomic.AtomicLong milli) {}

    @Activate
    public CreditMeter(@Reference BillingStore store, @Reference QuotaBook quotas,
            @Reference DomainEventPublisher events, BillingConfig config) {
        this(store, quotas, events, Clock.systemUTC(), config.maxPendingEntries(), config.flushIntervalMs());
    }

    CreditMeter(BillingStore store, QuotaBook quotas, DomainEventPublisher events, Clock clock, int maxPending,
            long flushIntervalMs) {
        this.store = store;
        this.quotas = quotas;
        this.alerts = new CreditAlerts(events);
        this.clock = clock;
        this.maxPending = maxPending;
        this.flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hatidata-billing-flusher");
            thread.setDaemon(true);
            return thread;
        });
        if (flushIntervalMs > 0) {
            flusher.scheduleWithFixedDelay(this::flushQuietly, flushIntervalMs, flushIntervalMs, TimeUnit.MILLISECONDS);
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (closed.compareAndSet(false, true)) {
            flusher.shutdown();
            flusher.awaitTermination(30, TimeUnit.SECONDS);
            flushQuietly();
        }
    }

    @Override
    public void record(QueryContext context, QueryOutcome outcome) {
        boolean fullScan = context.attributes().get(CostEstimate.ATTRIBUTE) instanceof CostEstimate estimate
                && estimate.fullScan();
        StatementShape shape = StatementShape.of(context, fullScan);
        if (!shape.metered() || (!outcome.succeeded() && outcome.rows() == 0)) {
            return;
        }
        long rows = Math.max(outcome.rows(), CommandTags.changedRows(outcome.commandTag()));
        long milli = CreditFormula.milliCredits(shape, rows);
        context.attributes().put(ACTUAL_CREDITS, CreditFormula.credits(milli));
        Identity identity = context.session().identity();
        KeyFacts key;
        try {
            key = store.key(identity.keyId());
        } catch (Exception ex) {
            LOG.warn("Cannot read the facts of key {}; metering the statement as billable", identity.keyId(), ex);
            key = KeyFacts.NONE;
        }
        Instant now = clock.instant();
        add(new UsageKey(identity.organizationId(), now.getEpochSecond() / 3600 * 3600, identity.environmentId(),
                identity.keyId(), Attribution.agent(context.session(), key), shape.kind(), !key.test()),
                new UsageDelta(1, milli, rows), now);
    }

    /** Adds one statement's usage (package-private for tests). */
    void add(UsageKey key, UsageDelta delta, Instant now) {
        if (key.billable()) {
            period(key.organizationId(), YearMonth.from(now.atOffset(ZoneOffset.UTC))).milli().addAndGet(delta.milliCredits());
            if (!key.agentId().isEmpty()) {
                agentDay(key.organizationId(), key.agentId(), LocalDate.ofInstant(now, ZoneOffset.UTC)).milli()
                        .addAndGet(delta.milliCredits());
            }
        }
        pending.merge(key, delta, UsageDelta::plus);
        if (pending.size() >= maxPending) {
            background(this::flushQuietly);
        }
    }

    @Override
    public double usedToday(String organizationId, String agentId) {
        if (agentId == null || agentId.isEmpty()) {
            return 0;
        }
        String agent = agentId.length() > Attribution.MAX_AGENT_LENGTH
                ? agentId.substring(0, Attribution.MAX_AGENT_LENGTH) : agentId;
        return CreditFormula.credits(agentDay(organizationId, agent, LocalDate.now(clock.withZone(ZoneOffset.UTC)))
                .milli().get());
    }

    /** The organization's billable credits this billing period, stored and pending, in thousandths. */
    long periodMilli(String organizationId) {
        return period(organizationId, YearMonth.now(clock)).milli().get();
    }

    /**
     * Publishes {@code billing.quota_exceeded} for a refusal, in the background, once per organization,
     * quota and limit per period.
     */
    void refused(String organizationId, Quota quota, long limit, Map<String, String> facts) {
        YearMonth period = YearMonth.now(clock);
        String key = organizationId + '|' + quota.json() + '|' + limit + '|' + period;
        if (closed.get() || refusalsPublished.putIfAbsent(key, Boolean.TRUE) != null) {
            return;
        }
        if (refusalsPublished.size() > 10_000) {
            refusalsPublished.clear();
        }
        background(() -> {
            try {
                store.jdbc().inTransaction(connection -> {
                    alerts.quotaExceeded(connection, organizationId, quota, limit, period, facts, clock.instant());
                    return null;
                });
            } catch (Exception ex) {
                refusalsPublished.remove(key);
                LOG.error("Cannot publish billing.quota_exceeded for {}", organizationId, ex);
            }
        });
    }

    /**
     * Checks the organization's alert thresholds in the background (after its limit or thresholds
     * changed, a threshold may be reached without new usage).
     */
    void checkAlerts(String organizationId) {
        background(() -> {
            try {
                flush();
                Instant now = clock.instant();
                YearMonth period = YearMonth.from(now.atOffset(ZoneOffset.UTC));
                store.jdbc().inTransaction(connection -> {
                    try {
                        alerts.checkThresholds(connection, quotas.of(organizationId), period, now);
                    } catch (java.sql.SQLException ex) {
                        throw ex;
                    } catch (Exception ex) {
                        throw new java.sql.SQLException("cannot read the quotas of " + organizationId, ex);
                    }
                    return null;
                });
            } catch (Exception ex) {
                LOG.error("Cannot check the billing alerts of {}", organizationId, ex);
            }
        });
    }

    /** Writes everything pending to the store (and checks the alert thresholds of the organizations in it). */
    synchronized void flush() throws Exception {
        Map<UsageKey, UsageDelta> batch = new java.util.HashMap<>();
        for (UsageKey each : pending.keySet()) {
            UsageDelta delta = pending.remove(each);
            if (delta != null) {
                batch.merge(each, delta, UsageDelta::plus);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        YearMonth period = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        try {
            store.jdbc().inTransaction(connection -> {
                BillingStore.add(connection, batch);
                for (String organization : batch.keySet().stream().filter(UsageKey::billable)
                        .map(UsageKey::organizationId).distinct().toList()) {
                    try {
                        alerts.checkThresholds(connection, quotas.of(organization), period, now);
                    } catch (java.sql.SQLException ex) {
                        throw ex;
                    } catch (Exception ex) {
                        throw new java.sql.SQLException("cannot read the quotas of " + organization, ex);
                    }
                }
                return null;
            });
        } catch (Exception ex) {
            batch.forEach((key, delta) -> pending.merge(key, delta, UsageDelta::plus));
            throw ex;
        }
    }

    /** Runs work on the flusher thread; nothing once the meter is closed (the last flush is its own). */
    private void background(Runnable work) {
        if (closed.get()) {
            return;
        }
        try {
            flusher.execute(work);
        } catch (java.util.concurrent.RejectedExecutionException ex) {
            LOG.debug("The billing flusher stopped; {} not run", work);
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (Exception ex) {
            LOG.error("Cannot write metered usage; it stays pending and is retried", ex);
        }
    }

    private PeriodCredits period(String organizationId, YearMonth month) {
        PeriodCredits current = periods.get(organizationId);
        if (current != null && current.period().equals(month)) {
            return current;
        }
        return periods.compute(organizationId, (id, old) -> {
            if (old != null && old.period().equals(month)) {
                return old;
            }
            long stored;
            try {
                stored = store.jdbc().inTransaction(connection -> BillingStore.periodMilli(connection, id, month));
            } catch (Exception ex) {
                LOG.error("Cannot read the billing period's usage of {}; counting from zero", id, ex);
                stored = 0;
            }
            long unflushed = 0;
            for (Map.Entry<UsageKey, UsageDelta> each : pending.entrySet()) {
                UsageKey key = each.getKey();
                if (key.billable() && key.organizationId().equals(id)
                        && YearMonth.from(Instant.ofEpochSecond(key.hourStart()).atOffset(ZoneOffset.UTC)).equals(month)) {
                    unflushed += each.getValue().milliCredits();
                }
            }
            return new PeriodCredits(month, new java.util.concurrent.atomic.AtomicLong(stored + unflushed));
        });
    }

    private DayCredits agentDay(String organizationId, String agentId, LocalDate day) {
        String id = organizationId + '\n' + agentId;
        DayCredits current = agentDays.get(id);
        if (current != null && current.day().equals(day)) {
            return current;
        }
        if (agentDays.size() >= MAX_AGENT_DAYS) {
            agentDays.clear();
        }
        return agentDays.compute(id, (key, old) -> {
            if (old != null && old.day().equals(day)) {
                return old;
            }
            long stored;
            try {
                stored = store.jdbc().inTransaction(connection ->
                        BillingStore.agentDayMilli(connection, organizationId, agentId, day));
            } catch (Exception ex) {
                LOG.error("Cannot read today's usage of agent {} of {}; counting from zero", agentId, organizationId, ex);
                stored = 0;
            }
            long from = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            long to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            long unflushed = 0;
            for (Map.Entry<UsageKey, UsageDelta> each : pending.entrySet()) {
                UsageKey usage = each.getKey();
                if (usage.billable() && usage.organizationId().equals(organizationId) && usage.agentId().equals(agentId)
                        && usage.hourStart() >= from && usage.hourStart() < to) {
                    unflushed += each.getValue().milliCredits();
                }
            }
            return new DayCredits(day, new java.util.concurrent.atomic.AtomicLong(stored + unflushed));
        });
    }
}

package io.hatidata.webhooks;

import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox. One thread ({@code hatidata-webhooks-dispatcher}) claims due deliveries — as many as
 * there are free workers, so nothing waits in memory — and hands each to a pool of
 * {@code maxConcurrentDeliveries} threads ({@code hatidata-webhooks-N}); request threads never send. It
 * looks again every {@code pollIntervalMs}, or at once when {@link #wake()} says a delivery was queued or a
 * worker became free.
 *
 * <p>Each attempt re-checks the target ({@link UrlPolicy#checkResolved}), signs ({@link DeliverySigner}),
 * POSTs ({@link WebhookSender}) and records the outcome in one transaction: a 2xx answer marks the delivery
 * {@code delivered} and clears the webhook's failure count; anything else counts a failure, schedules the
 * next attempt from the {@link RetrySchedule} (or fails the delivery when none is left) and disables the
 * webhook after {@code disableAfterFailures} failures in a row. A claim holds a lease: if the process dies
 * during an attempt the delivery is due again when the lease ends, so none is lost (at least once;
 * receivers de-duplicate by event id).
 */
@Component(configurationPid = WebhookPids.WEBHOOKS, service = WebhookDispatcher.class)
@Designate(ocd = WebhooksConfig.class)
public final class WebhookDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final WebhookDatabase database;
    private final SecretCipher cipher;
    private final RetrySchedule schedule;
    private final UrlPolicy policy;
    private final WebhookSender sender;
    private final Duration lease;
    private final long pollIntervalMs;
    private final int disableAfter;
    private final Duration retention;
    private final Semaphore freeWorkers;
    private final ExecutorService workers;
    private final Thread scheduler;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object signal = new Object();
    private boolean woken;
    private Instant nextPurge = Instant.EPOCH;

    @Activate
    public WebhookDispatcher(@Reference WebhookDatabase database, @Reference SecretCipher cipher, WebhooksConfig config) {
        this.database = database;
        this.cipher = cipher;
        this.schedule = RetrySchedule.parse(config.retryScheduleSeconds());
        this.policy = new UrlPolicy(config.allowPrivateTargets());
        int timeout = bounded("requestTimeoutSeconds", config.requestTimeoutSeconds(), 1, 300);
        this.sender = new WebhookSender(Duration.ofSeconds(timeout));
        this.lease = Duration.ofSeconds(bounded("leaseSeconds", config.leaseSeconds(), timeout + 1, 3600));
        this.pollIntervalMs = bounded("pollIntervalMs", config.pollIntervalMs(), 10, 60_000);
        this.disableAfter = bounded("disableAfterFailures", config.disableAfterFailures(), 0, 1_000_000);
        this.retention = Duration.ofDays(bounded("deliveryRetentionDays", config.deliveryRetentionDays(), 1, 3650));
        int concurrency = bounded("maxConcurrentDeliveries", config.maxConcurrentDeliveries(), 1, 256);
        this.freeWorkers = new Semaphore(concurrency);
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(concurrency, concurrency, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(concurrency), runnable -> daemon(runnable, "hatidata-webhooks-" + threads.incrementAndGet()));
        this.scheduler = daemon(this::run, "hatidata-webhooks-dispatcher");
        scheduler.start();
    }

    /** Looks for due deliveries now (a delivery was queued). */
    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        wake();
        scheduler.interrupt();
        scheduler.join(TimeUnit.SECONDS.toMillis(5));
        // attempts in flight are interrupted; their leases bring them back after a restart
        workers.shutdownNow();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void run() {
        while (!closed.get()) {
            try {
                dispatchDue();
                purgeIfDue();
            } catch (SQLException | RuntimeException ex) {
                LOG.warn("Webhook dispatch failed, trying again in {} ms: {}", pollIntervalMs, ex.toString());
            }
            try {
                awaitSignal();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void dispatchDue() throws SQLException {
        int free = freeWorkers.availablePermits();
        if (free == 0) {
            return;
        }
        Instant now = Instant.now();
        List<ClaimedDelivery> claimed = database.jdbc().inTransaction(
                connection -> database.outbox().claimDue(connection, now, now.plus(lease), free));
        for (ClaimedDelivery each : claimed) {
            freeWorkers.acquireUninterruptibly();
            workers.execute(() -> {
                try {
                    attempt(each);
                } finally {
                    freeWorkers.release();
                    wake();
                }
            });
        }
    }

    private void attempt(ClaimedDelivery delivery) {
        try {
            Optional<WebhookRow> row = database.jdbc().inTransaction(
                    connection -> database.webhooks().find(connection, delivery.webhookId()));
            if (row.isEmpty()) {
                return; // deleted meanwhile, with its deliveries
            }
            record(delivery, send(delivery, row.get()));
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException ex) {
            LOG.warn("Webhook delivery {} could not be recorded; it is tried again when its lease ends: {}",
                    delivery.id(), ex.toString());
        }
    }

    private AttemptResult send(ClaimedDelivery delivery, WebhookRow row) throws InterruptedException {
        List<String> secrets = new ArrayList<>(2);
        Instant now = Instant.now();
        try {
            secrets.add(cipher.decrypt(row.secret(), row.webhook().id()));
            if (row.previousSecretValid(now)) {
                secrets.add(cipher.decrypt(row.previousSecret(), row.webhook().id()));
            }
        } catch (IllegalStateException ex) {
            return AttemptResult.failed("the signing secret cannot be decrypted (rotate it)", 0);
        }
        URI target = URI.create(row.webhook().url());
        String refusal = policy.checkResolved(target);
        if (refusal != null) {
            return AttemptResult.failed("target refused: " + refusal, 0);
        }
        return sender.send(target, DeliverySigner.headers(delivery, secrets, now), delivery.payload());
    }

    private void record(ClaimedDelivery delivery, AttemptResult result) throws SQLException {
        Instant now = Instant.now();
        boolean disabled = database.jdbc().inTransaction(connection -> {
            if (result.succeeded()) {
                database.outbox().delivered(connection, delivery.id(), result.statusCode(), result.latencyMs(), now);
                database.webhooks().recordSuccess(connection, delivery.webhookId(), result.statusCode(), now);
                return false;
            }
            Instant next = schedule.delayAfter(delivery.attempt()).map(now::plus).orElse(null);
            database.outbox().attemptFailed(connection, delivery.id(), result.statusCode(), result.latencyMs(),
                    result.error(), next);
            return database.webhooks().recordFailure(connection, delivery.webhookId(), result.statusCode(), disableAfter, now);
        });
        if (!result.succeeded()) {
            LOG.info("Webhook {} delivery {} ({}) attempt {} failed: {}", delivery.webhookId(), delivery.id(),
                    delivery.eventType(), delivery.attempt(), result.error());
        }
        if (disabled) {
            LOG.warn("Webhook {} disabled after {} failed attempts in a row", delivery.webhookId(), disableAfter);
        }
    }

    private void purgeIfDue() throws SQLException {
        Instant now = Instant.now();
        if (now.isBefore(nextPurge)) {
            return;
        }
        nextPurge = now.plus(PURGE_EVERY);
        int purged = database.jdbc().inTransaction(
                connection -> database.outbox().purgeFinished(connection, now.minus(retention)));
        if (purged > 0) {
            LOG.info("Deleted {} finished webhook deliveries older than {} days", purged, retention.toDays());
        }
    }

    private void awaitSignal() throws InterruptedException {
        synchronized (signal) {
            if (!woken) {
                signal.wait(pollIntervalMs);
            }
            woken = false;
        }
    }

    private static int bounded(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ": " + value);
        }
        return value;
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}

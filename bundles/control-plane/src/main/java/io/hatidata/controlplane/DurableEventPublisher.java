package io.hatidata.controlplane;

import io.hatidata.api.controlplane.DomainEvent;
import io.hatidata.api.controlplane.DomainEventConsumer;
import io.hatidata.api.controlplane.DomainEventListener;
import io.hatidata.api.controlplane.DomainEventPublisher;
import io.hatidata.api.controlplane.LoggedDomainEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher over the durable {@link EventLog}, and its one delivery thread. Each round the thread
 * reads, for every {@link DomainEventConsumer}, up to a batch of events after the consumer's cursor,
 * hands them over in order and moves the cursor past each event its consumer returned from; a consumer
 * that throws is paused with a back-off (1 s doubling to 60 s) and offered the same event again. The
 * in-memory {@link DomainEventListener}s share one cursor that starts at the newest event when this
 * component starts. The thread sleeps until an event is published or the poll interval passed (an event
 * appended inside a caller's transaction is only visible after that commits), so delivery follows a
 * commit within about one interval.
 */
@Component(service = DomainEventPublisher.class, configurationPid = "io.hatidata.controlplane.events", immediate = true)
@Designate(ocd = EventLogConfig.class)
public final class DurableEventPublisher implements DomainEventPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(DurableEventPublisher.class);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    /** The consumers and listeners now registered; read once per round. */
    private final Supplier<List<DomainEventConsumer>> consumers;
    private final Supplier<List<DomainEventListener>> listeners;
    /** Run on the delivery thread before the first round (opens the service trackers), and at its end. */
    private final Runnable open;
    private final Runnable close;

    private final Db db;
    private final EventLog log = new EventLog();
    private final Clock clock;
    private final long pollIntervalMs;
    private final int batchSize;
    private final Duration retention;
    private final Semaphore wakeUp = new Semaphore(0);
    private final Map<String, Pause> paused = new HashMap<>();
    private final Thread delivery;
    private volatile boolean running = true;
    private long listenerCursor;
    private Instant lastPrune;

    /** A consumer that failed: not offered anything before {@code until}; the next failure waits {@code next}. */
    private record Pause(Instant until, Duration next) {}

    /**
     * Consumers and listeners are found with service trackers that the delivery thread opens, not with DS
     * references: a consumer (audit, webhooks) usually depends on services that publish events, so binding
     * it while this publisher activates would be a service cycle.
     */
    @Activate
    public DurableEventPublisher(@Reference(name = "dataSource") DataSource dataSource,
            @Reference ApiKeyAuthenticator schemaReady, EventLogConfig config, BundleContext context)
            throws SQLException {
        this(dataSource, config, new ServiceTracker<>(context, DomainEventConsumer.class, null),
                new ServiceTracker<>(context, DomainEventListener.class, null));
    }

    private DurableEventPublisher(DataSource dataSource, EventLogConfig config,
            ServiceTracker<DomainEventConsumer, DomainEventConsumer> consumerTracker,
            ServiceTracker<DomainEventListener, DomainEventListener> listenerTracker) throws SQLException {
        this(dataSource, config.pollIntervalMs(), config.batchSize(), Duration.ofDays(config.retentionDays()),
                Clock.systemUTC(), () -> tracked(consumerTracker), () -> tracked(listenerTracker), () -> {
                    consumerTracker.open();
                    listenerTracker.open();
                }, () -> {
                    consumerTracker.close();
                    listenerTracker.close();
                }, true);
    }

    /**
     * With {@code deliver} false no delivery thread runs: a test drives {@link #deliverRound()} itself.
     */
    DurableEventPublisher(DataSource dataSource, long pollIntervalMs, int batchSize, Duration retention, Clock clock,
            Supplier<List<DomainEventConsumer>> consumers, Supplier<List<DomainEventListener>> listeners,
            Runnable open, Runnable close, boolean deliver) throws SQLException {
        this.consumers = consumers;
        this.listeners = listeners;
        this.open = open;
        this.close = close;
        this.db = new Db(dataSource);
        this.clock = clock;
        this.pollIntervalMs = Math.max(10, pollIntervalMs);
        this.batchSize = Math.max(1, Math.min(batchSize, 10_000));
        this.retention = retention;
        this.lastPrune = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            listenerCursor = log.latest(connection);
        }
        delivery = new Thread(this::deliverUntilStopped, "hatidata-domain-events");
        delivery.setDaemon(true);
        if (deliver) {
            delivery.start();
        }
    }

    @Override
    public void publish(DomainEvent event) {
        db.inTransaction(connection -> log.append(connection, event));
        wakeUp.release();
    }

    @Override
    public LoggedDomainEvent publish(Connection transaction, DomainEvent event) throws SQLException {
        LoggedDomainEvent logged = log.append(transaction, event);
        wakeUp.release();
        return logged;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        running = false;
        delivery.interrupt();
        delivery.join(TimeUnit.SECONDS.toMillis(10));
    }

    /** The tracked services, highest ranking first. */
    private static <T> List<T> tracked(ServiceTracker<T, T> tracker) {
        SortedMap<ServiceReference<T>, T> tracked = tracker.getTracked();
        List<T> result = new ArrayList<>(tracked.size());
        for (ServiceReference<T> each : tracked.keySet()) {
            result.add(0, tracked.get(each)); // ascending order: lowest ranking first
        }
        return result;
    }

    private void deliverUntilStopped() {
        open.run();
        try {
            deliverWhileRunning();
        } finally {
            close.run();
        }
    }

    private void deliverWhileRunning() {
        while (running) {
            try {
                wakeUp.tryAcquire(pollIntervalMs, TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
                deliverRound();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | SQLException ex) {
                LOG.warn("Event delivery round failed ({}); retrying", ex.toString());
                sleepQuietly(FIRST_BACKOFF);
            }
        }
    }

    /** One round: every consumer up to a batch, then the listeners, then pruning when due. */
    void deliverRound() throws SQLException {
        for (DomainEventConsumer consumer : consumers.get()) {
            if (!running) {
                return;
            }
            deliverTo(consumer);
        }
        deliverToListeners();
        if (clock.instant().isAfter(lastPrune.plus(PRUNE_EVERY))) {
            lastPrune = clock.instant();
            int pruned = db.inTransaction(connection -> log.prune(connection, clock.instant().minus(retention)));
            if (pruned > 0) {
                LOG.info("Pruned {} delivered domain events older than {}", pruned, retention);
            }
        }
    }

    private void deliverTo(DomainEventConsumer consumer) throws SQLException {
        String name = consumer.consumerName();
        Pause pause = paused.get(name);
        if (pause != null && clock.instant().isBefore(pause.until())) {
            return;
        }
        long cursor = db.inTransaction(connection -> {
            Optional<Long> stored = log.cursor(connection, name);
            if (stored.isPresent()) {
                return stored.get();
            }
            long start = consumer.fromBeginning() ? 0 : log.latest(connection);
            log.moveCursor(connection, name, start);
            return start;
        });
        List<LoggedDomainEvent> batch = db.inTransaction(connection -> log.after(connection, cursor, batchSize));
        for (LoggedDomainEvent event : batch) {
            try {
                consumer.consume(event);
            } catch (Exception ex) {
                Duration wait = pause == null ? FIRST_BACKOFF : pause.next();
                paused.put(name, new Pause(clock.instant().plus(wait), min(wait.multipliedBy(2), MAX_BACKOFF)));
                LOG.warn("Event consumer {} failed on {} ({} {}); retrying in {}", name, event.sequence(),
                        event.event().type(), ex.toString(), wait);
                return;
            }
            paused.remove(name);
            db.inTransaction(connection -> {
                log.moveCursor(connection, name, event.sequence());
                return null;
            });
        }
        if (batch.size() == batchSize) {
            wakeUp.release(); // more to read: go round again without waiting
        }
    }

    private void deliverToListeners() throws SQLException {
        List<DomainEventListener> current = listeners.get();
        List<LoggedDomainEvent> batch = db.inTransaction(connection -> log.after(connection, listenerCursor, batchSize));
        for (LoggedDomainEvent event : batch) {
            for (DomainEventListener each : current) {
                try {
                    each.onEvent(event.event());
                } catch (RuntimeException ex) {
                    LOG.warn("A listener failed on {} {}", event.event().type(), event.event().resourceId(), ex);
                }
            }
            listenerCursor = event.sequence();
        }
        if (batch.size() == batchSize) {
            wakeUp.release();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}

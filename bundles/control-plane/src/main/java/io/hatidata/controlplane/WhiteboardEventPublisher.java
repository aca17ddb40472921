package io.hatidata.controlplane;

import io.hatidata.api.controlplane.DomainEvent;
import io.hatidata.api.controlplane.DomainEventListener;
import io.hatidata.api.controlplane.DomainEventPublisher;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to the {@link DomainEventListener} whiteboard on one thread, in publication order. The
 * queue is bounded ({@value #QUEUE}); when it is full an event is dropped with a warning rather than
 * slowing down the change that published it. Listeners read at delivery time, so one that arrives later
 * sees only later events.
 */
@Component(service = DomainEventPublisher.class)
public final class WhiteboardEventPublisher implements DomainEventPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(WhiteboardEventPublisher.class);
    static final int QUEUE = 10_000;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile List<DomainEventListener> listeners = List.of();

    private final ExecutorService delivery = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(QUEUE), runnable -> {
                Thread thread = new Thread(runnable, "hatidata-domain-events");
                thread.setDaemon(true);
                return thread;
            });

    @Activate
    public WhiteboardEventPublisher() {
        // delivery thread starts with the first event
    }

    private final java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();

    /** Interim: delivered in memory at once (the durable log replaces this publisher). */
    @Override
    public io.hatidata.api.controlplane.LoggedDomainEvent publish(java.sql.Connection transaction, DomainEvent event) {
        publish(event);
        long next = sequence.incrementAndGet();
        return new io.hatidata.api.controlplane.LoggedDomainEvent(next, "evt_" + next, event);
    }

    @Override
    public void publish(DomainEvent event) {
        try {
            delivery.execute(() -> deliver(event));
        } catch (RejectedExecutionException ex) {
            LOG.warn("Dropped domain event {} {}: the delivery queue is full or stopped", event.type(), event.resourceId());
        }
    }

    private void deliver(DomainEvent event) {
        for (DomainEventListener each : listeners) {
            try {
                each.onEvent(event);
            } catch (RuntimeException ex) {
                LOG.warn("A listener failed on {} {}", event.type(), event.resourceId(), ex);
            }
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        delivery.shutdown();
        if (!delivery.awaitTermination(5, TimeUnit.SECONDS)) {
            delivery.shutdownNow();
        }
    }
}

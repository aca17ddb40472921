package io.hatidata.api.controlplane;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A durable subscriber of the control-plane event log (whiteboard: register a service of this type). The
 * log keeps a cursor per {@link #consumerName()} in the control-plane database and calls
 * {@link #consume} for every event after it, one at a time and in log order, on the log's delivery
 * thread; the cursor moves past an event only when {@code consume} returned. So delivery is at least
 * once (an event may come again after a crash between the consumer's own commit and the cursor's), and
 * a consumer that must not act twice de-duplicates by {@link LoggedDomainEvent#id()} or by sequence.
 *
 * <p>A consumer that appears for the first time starts after the newest event at that moment unless
 * {@link #fromBeginning()} says otherwise. When {@code consume} throws, delivery to this consumer pauses
 * and the same event is offered again after a back-off (1 s doubling to 60 s); other consumers go on.
 */
@ConsumerType
public interface DomainEventConsumer {

    /** A stable name, unique among consumers, that keys the cursor (for example {@code audit.iam}). */
    String consumerName();

    /** Whether a consumer that has no cursor yet starts with the first event ever logged. */
    default boolean fromBeginning() {
        return false;
    }

    /** Handles one event; returns only when the consumer's effect is durable. */
    void consume(LoggedDomainEvent event) throws Exception;
}

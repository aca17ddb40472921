package io.hatidata.api.controlplane;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives every {@link DomainEvent} after it was committed, in memory and best effort (whiteboard:
 * register a service of this type); what must not miss an event (audit, webhooks) registers a durable
 * {@link DomainEventConsumer} instead. Called on the publisher's delivery thread, in log order; must not
 * block for long. An exception is logged and does not stop delivery to others.
 */
@ConsumerType
public interface DomainEventListener {
    void onEvent(DomainEvent event);
}

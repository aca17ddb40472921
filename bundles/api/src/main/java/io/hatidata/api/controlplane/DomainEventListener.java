package io.hatidata.api.controlplane;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives every {@link DomainEvent} (whiteboard: register a service of this type). Audit and webhook
 * bundles implement it. Called on the publisher's delivery thread, in publication order; must not block
 * for long. An exception is logged and does not stop delivery to others.
 */
@ConsumerType
public interface DomainEventListener {
    void onEvent(DomainEvent event);
}

package io.hatidata.api.controlplane;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The one publisher of control-plane events: {@link #publish} returns at once, and the event is delivered
 * to every {@link DomainEventListener} after the change it reports was committed.
 */
@ProviderType
public interface DomainEventPublisher {
    void publish(DomainEvent event);
}

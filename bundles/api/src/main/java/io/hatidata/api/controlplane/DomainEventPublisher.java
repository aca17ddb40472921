package io.hatidata.api.controlplane;

import java.sql.Connection;
import java.sql.SQLException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The one publisher of control-plane events, backed by a durable event log (the transactional outbox) in
 * the control-plane database. An event is appended to the log, numbered in commit order; after its
 * transaction committed it is delivered to every {@link DomainEventConsumer} (at least once, in order,
 * surviving restarts) and to every {@link DomainEventListener} (best effort, in memory).
 */
@ProviderType
public interface DomainEventPublisher {

    /** Appends the event in a transaction of its own; durable when this returns. */
    void publish(DomainEvent event);

    /**
     * Appends the event inside the caller's transaction on the control-plane {@code DataSource} (service
     * property {@code hatidata.datasource=control-plane}): the event exists exactly when the change it
     * reports was committed. Appends are serialised until the caller's transaction ends, so keep the
     * transaction short.
     *
     * @param transaction an open connection of the control-plane data source with auto-commit off
     * @return the event as logged (its sequence number and id)
     */
    LoggedDomainEvent publish(Connection transaction, DomainEvent event) throws SQLException;
}

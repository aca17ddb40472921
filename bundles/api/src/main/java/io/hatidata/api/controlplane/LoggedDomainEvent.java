package io.hatidata.api.controlplane;

import java.util.Objects;

/**
 * A {@link DomainEvent} as the durable event log holds it.
 *
 * @param sequence its position in the log: gap-free, increasing in commit order, starting at 1
 * @param id its stable identifier ({@code evt_…}): the same on every redelivery, so consumers can
 *     de-duplicate and webhooks can use it as the event id
 * @param event the event
 */
public record LoggedDomainEvent(long sequence, String id, DomainEvent event) {
    public LoggedDomainEvent {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be >= 1: " + sequence);
        }
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(event, "event");
    }
}

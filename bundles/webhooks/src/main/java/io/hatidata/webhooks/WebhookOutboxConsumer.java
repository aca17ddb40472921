package io.hatidata.webhooks;

import io.hatidata.api.controlplane.DomainEvent;
import io.hatidata.api.controlplane.DomainEventConsumer;
import io.hatidata.api.controlplane.LoggedDomainEvent;
import io.hatidata.api.webhooks.WebhookEventTypes;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Feeds the outbox from the control-plane event log (consumer {@value #NAME}): for each committed event of
 * a subscribable type, one transaction adds a delivery for every active webhook of the organization that
 * subscribes to it. The log appends each event in the transaction of the change and moves this consumer's
 * cursor only after {@link #consume} returned, so an event reaches the outbox exactly when its change was
 * committed and survives any crash; a redelivered event adds nothing ((event, webhook) is unique).
 * Webhooks created after an event do not receive it.
 */
@Component(service = DomainEventConsumer.class)
public final class WebhookOutboxConsumer implements DomainEventConsumer {
    static final String NAME = "webhooks";

    private final WebhookDatabase database;
    private final WebhookDispatcher dispatcher;
    private final SecureRandom random = new SecureRandom();

    @Activate
    public WebhookOutboxConsumer(@Reference WebhookDatabase database, @Reference WebhookDispatcher dispatcher) {
        this.database = database;
        this.dispatcher = dispatcher;
    }

    @Override
    public String consumerName() {
        return NAME;
    }

    @Override
    public boolean fromBeginning() {
        return false;
    }

    @Override
    public void consume(LoggedDomainEvent logged) throws Exception {
        DomainEvent event = logged.event();
        if (!WebhookEventTypes.isKnown(event.type())) {
            return;
        }
        String payload = EventPayload.of(logged);
        Instant now = Instant.now();
        int queued = database.jdbc().inTransaction(connection -> {
            List<String> subscribers = database.webhooks().subscribers(connection, event.organizationId(), event.type());
            int added = 0;
            for (String each : subscribers) {
                if (database.outbox().enqueue(connection, Ids.deliveryId(random, now.toEpochMilli()), each, logged.id(),
                        event.type(), payload, event.occurredAt(), now)) {
                    added++;
                }
            }
            return added;
        });
        if (queued > 0) {
            dispatcher.wake();
        }
    }
}

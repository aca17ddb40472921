package io.hatidata.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hatidata.api.controlplane.DomainEvent;
import io.hatidata.api.controlplane.DomainEventListener;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class WhiteboardEventPublisherTest {
    @Test
    void deliversInOrderAndSurvivesAFailingListener() throws Exception {
        WhiteboardEventPublisher publisher = new WhiteboardEventPublisher();
        List<String> seen = new CopyOnWriteArrayList<>();
        DomainEventListener failing = event -> {
            throw new IllegalStateException("boom");
        };
        publisher.listeners = List.of(failing, event -> seen.add(event.type()));
        for (String each : List.of("user.invited", "key.created", "key.revoked")) {
            publisher.publish(new DomainEvent(each, "org_1", "usr_1", "res_1", Map.of(), Instant.now()));
        }
        publisher.deactivate();
        assertEquals(List.of("user.invited", "key.created", "key.revoked"), seen);
    }
}

package io.hatidata.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hatidata.api.controlplane.DomainEvent;
import io.hatidata.api.controlplane.DomainEventConsumer;
import io.hatidata.api.controlplane.LoggedDomainEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableEventPublisherTest {
    @TempDir
    Path dir;
    private TestStore store;
    private final MutableClock clock = new MutableClock();

    @BeforeEach
    void start() throws Exception {
        store = new TestStore(dir);
    }

    @AfterEach
    void stop() throws Exception {
        store.close();
    }

    private final java.util.concurrent.atomic.AtomicReference<List<DomainEventConsumer>> consumers =
            new java.util.concurrent.atomic.AtomicReference<>(List.of());
    private final java.util.concurrent.atomic.AtomicReference<List<io.hatidata.api.controlplane.DomainEventListener>> listeners =
            new java.util.concurrent.atomic.AtomicReference<>(List.of());

    private DurableEventPublisher publisher() throws Exception {
        return new DurableEventPublisher(store.dataSource, 10, 2, Duration.ofDays(30), clock, consumers::get,
                listeners::get, () -> { }, () -> { }, false);
    }

    private static DomainEvent event(String type) {
        return new DomainEvent(type, "org_1", "usr_1", "res_1", Map.of("k", "v \"quoted\""), Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void consumersGetEveryCommittedEventInOrderAcrossBatchesAndRestarts() throws Exception {
        DurableEventPublisher publisher = publisher();
        Recording consumer = new Recording("c1", true);
        consumers.set(List.of(consumer));
        for (String each : List.of("a.one", "a.two", "a.three")) {
            publisher.publish(event(each));
        }
        publisher.deliverRound(); // batch of 2
        publisher.deliverRound();
        assertEquals(List.of("a.one", "a.two", "a.three"), consumer.types());
        assertEquals(Map.of("k", "v \"quoted\""), consumer.seen.get(0).event().data());
        assertEquals(List.of(1L, 2L, 3L), consumer.seen.stream().map(LoggedDomainEvent::sequence).toList());

        // a new publisher (a restart) continues after the stored cursor
        DurableEventPublisher restarted = publisher();
        consumers.set(List.of(consumer));
        restarted.publish(event("a.four"));
        restarted.deliverRound();
        assertEquals(List.of("a.one", "a.two", "a.three", "a.four"), consumer.types());
    }

    @Test
    void aRolledBackChangeLeavesNoEventAndNoGap() throws Exception {
        DurableEventPublisher publisher = publisher();
        Recording consumer = new Recording("c1", true);
        consumers.set(List.of(consumer));
        try (Connection connection = store.dataSource.getConnection()) {
            connection.setAutoCommit(false);
            publisher.publish(connection, event("rolled.back"));
            connection.rollback();
        }
        LoggedDomainEvent kept;
        try (Connection connection = store.dataSource.getConnection()) {
            connection.setAutoCommit(false);
            kept = publisher.publish(connection, event("committed"));
            connection.commit();
        }
        publisher.deliverRound();
        assertEquals(List.of("committed"), consumer.types());
        assertEquals(1, kept.sequence());
    }

    @Test
    void appendingOutsideATransactionIsRefused() throws Exception {
        DurableEventPublisher publisher = publisher();
        try (Connection connection = store.dataSource.getConnection()) {
            assertThrows(java.sql.SQLException.class, () -> publisher.publish(connection, event("x")));
        }
    }

    @Test
    void aFailingConsumerIsOfferedTheSameEventAgainAfterBackOffWithoutBlockingOthers() throws Exception {
        DurableEventPublisher publisher = publisher();
        Recording failing = new Recording("failing", true);
        failing.failuresLeft = 2;
        Recording healthy = new Recording("healthy", true);
        consumers.set(List.of(failing, healthy));
        publisher.publish(event("e1"));
        publisher.deliverRound();
        assertEquals(List.of(), failing.types());
        assertEquals(List.of("e1"), healthy.types());
        publisher.deliverRound(); // still paused (1 s)
        assertEquals(1, failing.attempts);
        clock.advance(Duration.ofMillis(1001));
        publisher.deliverRound(); // second failure, now paused 2 s
        assertEquals(2, failing.attempts);
        clock.advance(Duration.ofMillis(1500));
        publisher.deliverRound();
        assertEquals(2, failing.attempts);
        clock.advance(Duration.ofMillis(600));
        publisher.deliverRound();
        assertEquals(List.of("e1"), failing.types());
    }

    @Test
    void aNewConsumerStartsAtTheNewestEventUnlessItAsksForTheBeginning() throws Exception {
        DurableEventPublisher publisher = publisher();
        publisher.publish(event("old"));
        Recording late = new Recording("late", false);
        Recording all = new Recording("all", true);
        consumers.set(List.of(late, all));
        publisher.deliverRound();
        publisher.publish(event("new"));
        publisher.deliverRound();
        assertEquals(List.of("new"), late.types());
        assertEquals(List.of("old", "new"), all.types());
    }

    @Test
    void theDeliveryThreadDeliversToListenersAfterCommit() throws Exception {
        DurableEventPublisher publisher = new DurableEventPublisher(store.dataSource, 20, 100, Duration.ofDays(30),
                Clock.systemUTC(), consumers::get, listeners::get, () -> { }, () -> { }, true);
        try {
            CountDownLatch seen = new CountDownLatch(1);
            List<String> types = new CopyOnWriteArrayList<>();
            listeners.set(List.of(each -> {
                types.add(each.type());
                seen.countDown();
            }));
            publisher.publish(event("listened"));
            assertEquals(true, seen.await(10, TimeUnit.SECONDS));
            assertEquals(List.of("listened"), types);
        } finally {
            publisher.deactivate();
        }
    }

    private static final class Recording implements DomainEventConsumer {
        final String name;
        final boolean fromBeginning;
        final List<LoggedDomainEvent> seen = new ArrayList<>();
        int failuresLeft;
        int attempts;

        Recording(String name, boolean fromBeginning) {
            this.name = name;
            this.fromBeginning = fromBeginning;
        }

        @Override
        public String consumerName() {
            return name;
        }

        @Override
        public boolean fromBeginning() {
            return fromBeginning;
        }

        @Override
        public void consume(LoggedDomainEvent event) {
            attempts++;
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new IllegalStateException("receiver down");
            }
            seen.add(event);
        }

        List<String> types() {
            return seen.stream().map(each -> each.event().type()).toList();
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}

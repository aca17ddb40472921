package io.hatidata.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.webhooks.NewWebhook;
import io.hatidata.api.webhooks.WebhookDelivery;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox's states, on Derby, with the dispatcher stopped so nothing moves on its own. */
class OutboxTest {
    @TempDir
    Path dir;

    private TestWebhooks webhooks;
    private String webhookId;

    @BeforeEach
    void start() throws Exception {
        webhooks = new TestWebhooks(dir, "60", 20);
        webhooks.dispatcher.deactivate();
        webhookId = webhooks.service.create(TestWebhooks.owner(), TestWebhooks.ORG,
                new NewWebhook("https://hooks.example.com/", "", List.of("key.created"))).webhook().id();
    }

    @AfterEach
    void stop() throws Exception {
        webhooks.close();
    }

    private boolean enqueue(String deliveryId, String eventId, Instant now) throws Exception {
        return webhooks.database.jdbc().inTransaction(connection -> webhooks.database.outbox().enqueue(connection,
                deliveryId, webhookId, eventId, "key.created", "{}", now, now));
    }

    private List<ClaimedDelivery> claim(Instant now, Instant leaseUntil) throws Exception {
        return webhooks.database.jdbc().inTransaction(connection ->
                webhooks.database.outbox().claimDue(connection, now, leaseUntil, 10));
    }

    @Test
    void anEventIsQueuedOncePerWebhook() throws Exception {
        Instant now = Instant.now();
        assertTrue(enqueue("dlv_1", "evt_1", now));
        assertFalse(enqueue("dlv_2", "evt_1", now));
        assertTrue(enqueue("dlv_3", "evt_2", now));
    }

    @Test
    void aClaimHoldsItsLeaseAndCountsTheAttempt() throws Exception {
        Instant now = Instant.now();
        enqueue("dlv_1", "evt_1", now);
        List<ClaimedDelivery> first = claim(now, now.plusSeconds(60));
        assertEquals(1, first.size());
        assertEquals(1, first.get(0).attempt());
        assertEquals(List.of(), claim(now.plusSeconds(59), now.plusSeconds(120)));
        List<ClaimedDelivery> again = claim(now.plusSeconds(61), now.plusSeconds(120));
        assertEquals(2, again.get(0).attempt());
    }

    @Test
    void aFailedAttemptWaitsForItsRetryAndAFinalFailureStays() throws Exception {
        Instant now = Instant.now();
        enqueue("dlv_1", "evt_1", now);
        claim(now, now.plusSeconds(60));
        webhooks.database.jdbc().inTransaction(connection -> {
            webhooks.database.outbox().attemptFailed(connection, "dlv_1", 500, 12, "the receiver answered HTTP 500",
                    now.plusSeconds(30));
            return null;
        });
        assertEquals(List.of(), claim(now.plusSeconds(29), now.plusSeconds(90)));
        assertEquals(1, claim(now.plusSeconds(30), now.plusSeconds(90)).size());
        webhooks.database.jdbc().inTransaction(connection -> {
            webhooks.database.outbox().attemptFailed(connection, "dlv_1", null, 10_000, "no answer within 10 s", null);
            return null;
        });
        WebhookDelivery failed = webhooks.database.jdbc().inTransaction(connection ->
                webhooks.database.outbox().find(connection, "dlv_1").orElseThrow());
        assertEquals(WebhookDelivery.FAILED, failed.status());
        assertEquals(2, failed.attempts());
        assertEquals(null, failed.responseCode());
        assertEquals(List.of(), claim(now.plusSeconds(100_000), now.plusSeconds(100_060)));
    }

    @Test
    void finishedDeliveriesArePurgedAfterTheRetention() throws Exception {
        Instant now = Instant.now();
        enqueue("dlv_1", "evt_1", now);
        enqueue("dlv_2", "evt_2", now);
        claim(now, now.plusSeconds(60));
        webhooks.database.jdbc().inTransaction(connection -> {
            webhooks.database.outbox().delivered(connection, "dlv_1", 200, 5, now);
            webhooks.database.outbox().attemptFailed(connection, "dlv_2", 500, 5, "x", now.plusSeconds(60));
            return null;
        });
        assertEquals(1, (int) webhooks.database.jdbc().inTransaction(connection ->
                webhooks.database.outbox().purgeFinished(connection, now.plusSeconds(1))));
        assertEquals(1, (int) webhooks.database.jdbc().inTransaction(connection ->
                webhooks.database.outbox().count(connection, webhookId)));
    }
}

package io.hatidata.webhooks;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.controlplane.DomainEvent;
import io.hatidata.api.controlplane.LoggedDomainEvent;
import io.hatidata.api.controlplane.PageRequest;
import io.hatidata.api.webhooks.CreatedWebhook;
import io.hatidata.api.webhooks.NewWebhook;
import io.hatidata.api.webhooks.Webhook;
import io.hatidata.api.webhooks.WebhookChanges;
import io.hatidata.api.webhooks.WebhookDelivery;
import io.hatidata.api.webhooks.WebhookVerifier;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox consumer and the dispatcher against a real receiver on loopback and a real Derby. */
class WebhookDispatcherTest {
    @TempDir
    Path dir;

    private TestWebhooks webhooks;
    private final TestReceiver receiver = new TestReceiver();

    WebhookDispatcherTest() throws Exception {}

    @AfterEach
    void stop() throws Exception {
        receiver.close();
        if (webhooks != null) {
            webhooks.close();
        }
    }

    private CreatedWebhook subscribe(String... events) {
        return webhooks.service.create(TestWebhooks.owner(), TestWebhooks.ORG, new NewWebhook(receiver.url(), "", List.of(events)));
    }

    private static LoggedDomainEvent event(long sequence, String type, String organization) {
        return new LoggedDomainEvent(sequence, "evt_" + sequence, new DomainEvent(type, organization, "usr_1", "key_" + sequence,
                Map.of("environment_id", "env_dev_1"), Instant.now()));
    }

    private WebhookDelivery awaitDelivery(String webhookId, Predicate<WebhookDelivery> matching) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (WebhookDelivery each : webhooks.service.deliveries(TestWebhooks.owner(), TestWebhooks.ORG, webhookId,
                    PageRequest.first()).items()) {
                if (matching.test(each)) {
                    return each;
                }
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new AssertionError("no matching delivery");
    }

    @Test
    void aSubscribedEventIsDeliveredOnceSignedAndRecorded() throws Exception {
        webhooks = new TestWebhooks(dir, "1", 20);
        CreatedWebhook hook = subscribe("key.created");
        webhooks.consumer.consume(event(1, "key.created", TestWebhooks.ORG));
        webhooks.consumer.consume(event(1, "key.created", TestWebhooks.ORG)); // redelivered by the log: no second row
        webhooks.consumer.consume(event(2, "key.revoked", TestWebhooks.ORG)); // not subscribed
        webhooks.consumer.consume(event(3, "key.created", TestWebhooks.OTHER_ORG)); // another organization
        webhooks.consumer.consume(event(4, "organization.updated", TestWebhooks.ORG)); // not a webhook event

        TestReceiver.Received received = receiver.await(each -> true);
        assertEquals("evt_1", received.headers().get("X-HatiData-Event-Id"));
        assertEquals("1", received.headers().get("X-HatiData-Delivery-Attempt"));
        assertDoesNotThrow(() -> new WebhookVerifier(hook.signingSecret()).verify(received.headers(), received.body()));
        assertTrue(received.text().startsWith("{\"id\":\"evt_1\",\"type\":\"key.created\","), received.text());

        WebhookDelivery delivered = awaitDelivery(hook.webhook().id(), each -> WebhookDelivery.DELIVERED.equals(each.status()));
        assertEquals(1, delivered.attempts());
        assertEquals(200, delivered.responseCode());
        assertTrue(delivered.latencyMs() >= 0);
        assertEquals(1, webhooks.service.deliveries(TestWebhooks.owner(), TestWebhooks.ORG, hook.webhook().id(),
                PageRequest.first()).total());
        Webhook after = webhooks.service.get(TestWebhooks.owner(), TestWebhooks.ORG, hook.webhook().id());
        assertEquals(200, after.lastStatusCode());
        assertEquals(1, receiver.received.size());
    }

    @Test
    void aFailingReceiverIsRetriedOnScheduleUntilItAnswers() throws Exception {
        webhooks = new TestWebhooks(dir, "1,1,1", 20);
        receiver.status.set(503);
        CreatedWebhook hook = subscribe("key.created");
        webhooks.consumer.consume(event(1, "key.created", TestWebhooks.ORG));
        WebhookDelivery retrying = awaitDelivery(hook.webhook().id(), each -> each.attempts() == 2
                && WebhookDelivery.PENDING.equals(each.status()));
        assertEquals(503, retrying.responseCode());
        assertEquals("the receiver answered HTTP 503", retrying.lastError());
        assertEquals(2, webhooks.service.get(TestWebhooks.owner(), TestWebhooks.ORG, hook.webhook().id()).failureCount());
        receiver.status.set(204);
        WebhookDelivery delivered = awaitDelivery(hook.webhook().id(), each -> WebhookDelivery.DELIVERED.equals(each.status()));
        assertEquals(3, delivered.attempts());
        assertNull(delivered.lastError());
        assertEquals(List.of("1", "2", "3"), receiver.received.stream()
                .map(each -> each.headers().get("X-HatiData-Delivery-Attempt")).toList());
        assertEquals(0, webhooks.service.get(TestWebhooks.owner(), TestWebhooks.ORG, hook.webhook().id()).failureCount());
    }

    @Test
    void aWebhookIsDisabledAfterRepeatedFailuresAndResumesWhenReenabled() throws Exception {
        webhooks = new TestWebhooks(dir, "1,1,1,1,1", 3);
        receiver.status.set(500);
        CreatedWebhook hook = subscribe("key.created");
        String id = hook.webhook().id();
        webhooks.consumer.consume(event(1, "key.created", TestWebhooks.ORG));
        webhooks.consumer.consume(event(2, "key.created", TestWebhooks.ORG));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Webhook.DISABLED.equals(webhooks.service.get(TestWebhooks.owner(), TestWebhooks.ORG, id).status())
                && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        Webhook disabled = webhooks.service.get(TestWebhooks.owner(), TestWebhooks.ORG, id);
        assertEquals(Webhook.DISABLED, disabled.status());
        // an attempt already running when the third failure disabled it counts too
        assertTrue(disabled.failureCount() >= 3, Integer.toString(disabled.failureCount()));
        // the events of a disabled webhook wait with retries left; re-enabling sends them
        receiver.status.set(200);
        webhooks.service.update(TestWebhooks.owner(), TestWebhooks.ORG, id, new WebhookChanges(null, null, null, Webhook.ACTIVE));
        awaitDelivery(id, each -> each.eventId().equals("evt_1") && WebhookDelivery.DELIVERED.equals(each.status()));
        awaitDelivery(id, each -> each.eventId().equals("evt_2") && WebhookDelivery.DELIVERED.equals(each.status()));
        assertEquals(0, webhooks.service.get(TestWebhooks.owner(), TestWebhooks.ORG, id).failureCount());
    }

    @Test
    void aDeliveryClaimedWhenTheProcessDiedIsSentAfterItsLease() throws Exception {
        webhooks = new TestWebhooks(dir, "1", 20);
        CreatedWebhook hook = subscribe("key.created");
        // stop the dispatcher, queue an event and claim it as a dying process would have
        webhooks.dispatcher.deactivate();
        webhooks.consumer.consume(event(1, "key.created", TestWebhooks.ORG));
        Instant now = Instant.now();
        List<ClaimedDelivery> claimed = webhooks.database.jdbc().inTransaction(connection ->
                webhooks.database.outbox().claimDue(connection, now, now.plusSeconds(2), 10));
        assertEquals(1, claimed.size());
        assertEquals(List.of(), webhooks.database.jdbc().inTransaction(connection ->
                webhooks.database.outbox().claimDue(connection, now, now.plusSeconds(2), 10)));
        webhooks.close();
        webhooks = new TestWebhooks(dir, "1", 20);
        WebhookDelivery delivered = awaitDelivery(hook.webhook().id(), each -> WebhookDelivery.DELIVERED.equals(each.status()));
        assertEquals(2, delivered.attempts());
        assertEquals("2", receiver.received.get(0).headers().get("X-HatiData-Delivery-Attempt"));
        assertEquals(1, receiver.received.size());
    }

    @Test
    void theTestEndpointQueuesADeliveryThatArrives() throws Exception {
        webhooks = new TestWebhooks(dir, "1", 20);
        CreatedWebhook hook = subscribe("key.created");
        WebhookDelivery queued = webhooks.service.sendTest(TestWebhooks.owner(), TestWebhooks.ORG, hook.webhook().id());
        assertEquals("webhook.test", queued.eventType());
        TestReceiver.Received received = receiver.await(each -> true);
        assertEquals("webhook.test", received.headers().get("X-HatiData-Event-Type"));
        assertEquals(queued.eventId(), received.headers().get("webhook-id"));
        assertDoesNotThrow(() -> new WebhookVerifier(hook.signingSecret()).verify(received.headers(), received.body()));
    }
}

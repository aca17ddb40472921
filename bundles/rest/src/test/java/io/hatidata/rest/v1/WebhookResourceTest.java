package io.hatidata.rest.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.Page;
import io.hatidata.api.controlplane.PageRequest;
import io.hatidata.api.webhooks.CreatedWebhook;
import io.hatidata.api.webhooks.NewWebhook;
import io.hatidata.api.webhooks.RotatedWebhookSecret;
import io.hatidata.api.webhooks.Webhook;
import io.hatidata.api.webhooks.WebhookChanges;
import io.hatidata.api.webhooks.WebhookDelivery;
import io.hatidata.api.webhooks.WebhookService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The webhook endpoints' JSON over a fake service: shapes, statuses, the secret only once, 503 while unbound. */
class WebhookResourceTest {
    private static final String KEY = FakeControlPlane.OWNER_KEY;
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");
    private static final Webhook HOOK = new Webhook("wh_1", "org_a", "https://hooks.example.com/", "ops",
            List.of("key.created"), Webhook.ACTIVE, null, null, 0, false, AT, AT);
    private static final String SECRET = "whsec_" + "a".repeat(40);

    private final ApiHarness api = new ApiHarness(false);

    /** Answers fixed values; refuses unknown webhooks as the real service does. */
    private static final class FakeWebhooks implements WebhookService {
        NewWebhook created;

        @Override
        public CreatedWebhook create(Caller caller, String organizationId, NewWebhook webhook) {
            created = webhook;
            return new CreatedWebhook(HOOK, SECRET);
        }

        @Override
        public Page<Webhook> list(Caller caller, String organizationId, PageRequest page) {
            return new Page<>(List.of(HOOK), null, 1);
        }

        @Override
        public Webhook get(Caller caller, String organizationId, String webhookId) {
            if (!webhookId.equals(HOOK.id())) {
                throw ControlPlaneException.notFound("webhook");
            }
            return HOOK;
        }

        @Override
        public Webhook update(Caller caller, String organizationId, String webhookId, WebhookChanges changes) {
            return new Webhook(HOOK.id(), HOOK.organizationId(), HOOK.url(), HOOK.description(), HOOK.events(),
                    changes.status(), null, null, 0, false, AT, AT);
        }

        @Override
        public void delete(Caller caller, String organizationId, String webhookId) {
            get(caller, organizationId, webhookId);
        }

        @Override
        public WebhookDelivery sendTest(Caller caller, String organizationId, String webhookId) {
            return new WebhookDelivery("dlv_1", webhookId, "evt_test_1", "webhook.test", WebhookDelivery.PENDING, 0, null,
                    null, null, AT, AT, null);
        }

        @Override
        public Page<WebhookDelivery> deliveries(Caller caller, String organizationId, String webhookId, PageRequest page) {
            return new Page<>(List.of(new WebhookDelivery("dlv_1", webhookId, "evt_1", "key.created",
                    WebhookDelivery.DELIVERED, 2, 200, 17L, null, null, AT, AT)), null, 1);
        }

        @Override
        public RotatedWebhookSecret rotateSecret(Caller caller, String organizationId, String webhookId, Integer grace) {
            return new RotatedWebhookSecret(HOOK, SECRET.replace('a', 'b'), AT.plusSeconds(3600L * grace));
        }
    }

    @Test
    void answers503WhileTheWebhooksBundleIsNotRunning() throws Exception {
        ApiHarness.Answer answer = api.call("GET", "organizations/org_a/webhooks", null, "X-API-Key", KEY);
        assertEquals(503, answer.status());
        assertEquals("INTERNAL_ERROR", answer.error().get("code"));
    }

    @Test
    void theEndpointsAnswerTheDocumentedShapes() throws Exception {
        FakeWebhooks fake = new FakeWebhooks();
        api.webhooks.set(fake);
        ApiHarness.Answer created = api.call("POST", "organizations/org_a/webhooks",
                "{\"url\":\"https://hooks.example.com/\",\"events\":[\"key.created\"]}", "X-API-Key", KEY);
        assertEquals(201, created.status());
        assertEquals(SECRET, created.json().get("signing_secret"));
        assertEquals(List.of("key.created"), fake.created.events());
        assertFalse(api.call("GET", "organizations/org_a/webhooks/wh_1", null, "X-API-Key", KEY).text().contains("whsec_"));
        assertEquals(1, ((List<?>) api.call("GET", "organizations/org_a/webhooks", null, "X-API-Key", KEY).json().get("data")).size());
        assertEquals(404, api.call("GET", "organizations/org_a/webhooks/wh_2", null, "X-API-Key", KEY).status());
        assertEquals("disabled", api.call("PATCH", "organizations/org_a/webhooks/wh_1", "{\"status\":\"disabled\"}",
                "X-API-Key", KEY).json().get("status"));
        assertEquals(400, api.call("PATCH", "organizations/org_a/webhooks/wh_1", "{\"events\":\"key.created\"}",
                "X-API-Key", KEY).status());
        ApiHarness.Answer test = api.call("POST", "organizations/org_a/webhooks/wh_1/test", null, "X-API-Key", KEY);
        assertEquals(202, test.status());
        assertEquals("webhook.test", test.json().get("event_type"));
        @SuppressWarnings("unchecked")
        Map<String, Object> delivery = (Map<String, Object>) ((List<?>) api.call("GET",
                "organizations/org_a/webhooks/wh_1/deliveries", null, "X-API-Key", KEY).json().get("data")).get(0);
        assertEquals(Map.of("status", "delivered", "attempts", 2, "response_code", 200, "latency_ms", 17),
                Map.of("status", delivery.get("status"), "attempts", delivery.get("attempts"),
                        "response_code", delivery.get("response_code"), "latency_ms", delivery.get("latency_ms")));
        assertNull(delivery.get("last_error"));
        ApiHarness.Answer rotated = api.call("POST", "organizations/org_a/webhooks/wh_1/rotate-secret",
                "{\"grace_period_hours\":2}", "X-API-Key", KEY);
        assertEquals("2026-01-02T05:04:05Z", rotated.json().get("previous_secret_expires_at"));
        assertEquals(204, api.call("DELETE", "organizations/org_a/webhooks/wh_1", null, "X-API-Key", KEY).status());
    }
}

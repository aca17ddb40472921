package io.hatidata.itests;

import static io.hatidata.itests.RestClient.apiKey;
import static io.hatidata.itests.RestClient.bearer;
import static io.hatidata.itests.RestClient.call;
import static io.hatidata.itests.RestClient.login;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import io.hatidata.api.webhooks.WebhookVerificationException;
import io.hatidata.api.webhooks.WebhookVerifier;
import io.hatidata.itests.RestClient.Reply;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Webhooks end to end on the distribution, with a receiver on 127.0.0.1: a new API key reaches a
 * webhook subscribed to {@code key.created} as one signed event that verifies with the API bundle's
 * {@link WebhookVerifier} and with the openssl recipe of docs/webhooks.md (docs/webhooks-verify.sh); a
 * captured delivery replayed later is refused; a receiver that is down gets the event after retries once
 * it is up; the test endpoint; a secret rotation during which both secrets verify; roles, tenants and bad
 * targets. The retry schedule is shortened to seconds by configuration.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WebhooksIT extends HatiDataTestSupport {

    @Configuration
    public Option[] configuration() {
        List<Option> options = new ArrayList<>(Arrays.asList(baseConfiguration()));
        options.add(editConfigurationFilePut("etc/io.hatidata.rest.cfg", "rateLimitsEnabled", "false"));
        options.add(editConfigurationFilePut("etc/io.hatidata.rest.cfg", "authFailuresPerMinute", "0"));
        options.add(editConfigurationFilePut("etc/io.hatidata.webhooks.cfg", "retryScheduleSeconds",
                "1,1,1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2"));
        options.add(editConfigurationFilePut("etc/io.hatidata.webhooks.cfg", "pollIntervalMs", "100"));
        options.add(editConfigurationFilePut("etc/io.hatidata.webhooks.cfg", "disableAfterFailures", "100"));
        options.add(systemProperty("hatidata.webhooks.verifyScript").value(System.getProperty("hatidata.webhooks.verifyScript")));
        return options.toArray(new Option[0]);
    }

    /** The organization and environment of the bootstrap owner key. */
    private static Map<String, String> me(String key) throws Exception {
        JsonNode me = call("GET", "/v1/auth/me", apiKey(key), null).body();
        return Map.of("org", me.get("org_id").asText(), "env", me.get("env_id").asText());
    }

    private static JsonNode created(Reply reply) {
        assertEquals(reply.toString(), 201, reply.status());
        return reply.body();
    }

    private static JsonNode subscribe(String key, String org, String url, String... events) throws Exception {
        StringBuilder list = new StringBuilder();
        for (String each : events) {
            list.append(list.length() == 0 ? "" : ",").append('"').append(each).append('"');
        }
        return created(call("POST", "/v1/organizations/" + org + "/webhooks", apiKey(key),
                "{\"url\":\"" + url + "\",\"description\":\"itest\",\"events\":[" + list + "]}"));
    }

    /** Waits until a delivery of the webhook matches; returns it. */
    private static JsonNode awaitDelivery(String key, String org, String webhookId, Predicate<JsonNode> matching, int seconds)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = call("GET", "/v1/organizations/" + org + "/webhooks/" + webhookId + "/deliveries?limit=200",
                    apiKey(key), null).body();
            for (JsonNode each : last.get("data")) {
                if (matching.test(each)) {
                    return each;
                }
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("no matching delivery within " + seconds + " s: " + last);
    }

    @Test
    public void aNewKeyReachesTheSubscribedWebhookAsOneSignedEventThatVerifiesWithTheHelperAndOpenssl() throws Exception {
        String owner = bootstrapKey();
        Map<String, String> me = me(owner);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonNode hook = subscribe(owner, me.get("org"), receiver.url(), "key.created");
            String secret = hook.get("signing_secret").asText();
            assertTrue(secret, secret.matches("whsec_[A-Za-z0-9]{40}"));
            String keyId = created(call("POST", "/v1/environments/" + me.get("env") + "/api-keys", apiKey(owner),
                    "{\"name\":\"webhook-acceptance\"}")).get("key_id").asText();

            WebhookReceiver.Received delivery = receiver.await(each -> each.text().contains(keyId), 60);
            assertEquals("key.created", delivery.header("X-HatiData-Event-Type"));
            assertEquals("1", delivery.header("X-HatiData-Delivery-Attempt"));
            assertEquals("application/json", delivery.header("Content-Type"));
            JsonNode payload = RestClient.JSON.readTree(delivery.body());
            assertEquals(delivery.header("X-HatiData-Event-Id"), payload.get("id").asText());
            assertEquals("key.created", payload.get("type").asText());
            assertEquals(me.get("org"), payload.get("org_id").asText());
            assertEquals(me.get("env"), payload.get("env_id").asText());
            assertEquals(keyId, payload.get("data").get("key_id").asText());
            assertNotNull(Instant.parse(payload.get("created_at").asText()));

            // the API bundle's helper accepts it, with either signature
            WebhookVerifier verifier = new WebhookVerifier(secret);
            verifier.verify(delivery.headers(), delivery.body());
            verifier.verifyBodySignature(delivery.headers(), delivery.body());
            // and refuses it replayed ten minutes later, or with another secret
            WebhookVerifier later = new WebhookVerifier(List.of(secret), WebhookVerifier.DEFAULT_TOLERANCE,
                    Clock.fixed(Instant.now().plus(Duration.ofMinutes(10)), ZoneOffset.UTC));
            assertRefused(() -> later.verify(delivery.headers(), delivery.body()));
            assertRefused(() -> new WebhookVerifier("whsec_" + "x".repeat(40)).verify(delivery.headers(), delivery.body()));

            verifyWithTheDocumentedRecipe(secret, delivery);

            // exactly one delivery for this key, recorded as delivered on the first attempt
            JsonNode recorded = awaitDelivery(owner, me.get("org"), hook.get("webhook_id").asText(),
                    each -> each.get("event_id").asText().equals(payload.get("id").asText())
                            && "delivered".equals(each.get("status").asText()), 30);
            assertEquals(1, recorded.get("attempts").asInt());
            assertEquals(204, recorded.get("response_code").asInt());
            assertTrue(recorded.toString(), recorded.get("latency_ms").asLong() >= 0);
            assertEquals(1, receiver.matching(each -> each.text().contains(keyId)).size());
            JsonNode webhook = call("GET", "/v1/organizations/" + me.get("org") + "/webhooks/"
                    + hook.get("webhook_id").asText(), apiKey(owner), null).body();
            assertEquals(204, webhook.get("last_status_code").asInt());
            assertEquals(0, webhook.get("failure_count").asInt());
            assertFalse(webhook.toString(), webhook.toString().contains("whsec_"));
            assertEquals(204, call("DELETE", "/v1/organizations/" + me.get("org") + "/webhooks/"
                    + hook.get("webhook_id").asText(), apiKey(owner), null).status());
        }
    }

    /** Runs docs/webhooks-verify.sh (the lines docs/webhooks.md shows) on the delivery, when openssl is installed. */
    private static void verifyWithTheDocumentedRecipe(String secret, WebhookReceiver.Received delivery) throws Exception {
        if (!new File("/usr/bin/openssl").canExecute()) {
            System.out.println("openssl is not installed: the shell recipe is not checked");
            return;
        }
        Path body = Files.createTempFile("webhook-", ".json");
        try {
            Files.write(body, delivery.body());
            Map<String, String> environment = Map.of("SECRET", secret, "WEBHOOK_ID", delivery.header("webhook-id"),
                    "WEBHOOK_TIMESTAMP", delivery.header("webhook-timestamp"),
                    "WEBHOOK_SIGNATURE", delivery.header("webhook-signature"),
                    "HATIDATA_SIGNATURE", delivery.header("X-HatiData-Signature"));
            String script = System.getProperty("hatidata.webhooks.verifyScript");
            assertEquals("verified\n", Programs.run(List.of("/bin/sh", script, body.toString()), environment, null));
            Programs.Outcome replayed = Programs.outcome(List.of("/bin/sh", script, body.toString()),
                    Map.of("SECRET", secret, "WEBHOOK_ID", delivery.header("webhook-id"),
                            "WEBHOOK_TIMESTAMP", Long.toString(Long.parseLong(delivery.header("webhook-timestamp")) - 600),
                            "WEBHOOK_SIGNATURE", delivery.header("webhook-signature")), null);
            assertEquals(replayed.output(), 1, replayed.exitCode());
        } finally {
            Files.deleteIfExists(body);
        }
    }

    @Test
    public void aReceiverThatIsDownGetsTheEventAfterRetriesOnceItIsUp() throws Exception {
        String owner = bootstrapKey();
        Map<String, String> me = me(owner);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.stop();
            JsonNode hook = subscribe(owner, me.get("org"), receiver.url(), "key.revoked");
            String webhookId = hook.get("webhook_id").asText();
            String keyId = created(call("POST", "/v1/environments/" + me.get("env") + "/api-keys", apiKey(owner),
                    "{\"name\":\"to-revoke\"}")).get("key_id").asText();
            assertEquals(200, call("DELETE", "/v1/environments/" + me.get("env") + "/api-keys/" + keyId, apiKey(owner), null)
                    .status());
            JsonNode failing = awaitDelivery(owner, me.get("org"), webhookId,
                    each -> each.get("attempts").asInt() >= 2 && "pending".equals(each.get("status").asText()), 60);
            assertTrue(failing.toString(), failing.get("last_error").asText().startsWith("connection failed"));
            assertTrue(call("GET", "/v1/organizations/" + me.get("org") + "/webhooks/" + webhookId, apiKey(owner), null)
                    .body().get("failure_count").asInt() >= 2);

            receiver.start();
            WebhookReceiver.Received delivery = receiver.await(each -> each.text().contains(keyId), 60);
            assertEquals("key.revoked", delivery.header("X-HatiData-Event-Type"));
            assertTrue(Integer.parseInt(delivery.header("X-HatiData-Delivery-Attempt")) >= 3);
            new WebhookVerifier(hook.get("signing_secret").asText()).verify(delivery.headers(), delivery.body());
            JsonNode delivered = awaitDelivery(owner, me.get("org"), webhookId,
                    each -> "delivered".equals(each.get("status").asText()), 30);
            assertEquals(delivery.header("X-HatiData-Delivery-Attempt"), delivered.get("attempts").asText());
            assertEquals(0, call("GET", "/v1/organizations/" + me.get("org") + "/webhooks/" + webhookId, apiKey(owner), null)
                    .body().get("failure_count").asInt());
            assertEquals(1, receiver.matching(each -> each.text().contains(keyId)).size());
        }
    }

    @Test
    public void theTestEndpointAndASecretRotationDuringWhichBothSecretsVerify() throws Exception {
        String owner = bootstrapKey();
        Map<String, String> me = me(owner);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonNode hook = subscribe(owner, me.get("org"), receiver.url(), "user.invited");
            String base = "/v1/organizations/" + me.get("org") + "/webhooks/" + hook.get("webhook_id").asText();
            String oldSecret = hook.get("signing_secret").asText();

            Reply queued = call("POST", base + "/test", apiKey(owner), null);
            assertEquals(queued.toString(), 202, queued.status());
            String testEvent = queued.body().get("event_id").asText();
            WebhookReceiver.Received test = receiver.await(each -> testEvent.equals(each.header("webhook-id")), 60);
            assertEquals("webhook.test", test.header("X-HatiData-Event-Type"));
            new WebhookVerifier(oldSecret).verify(test.headers(), test.body());

            Reply rotated = call("POST", base + "/rotate-secret", apiKey(owner), "{\"grace_period_hours\":1}");
            assertEquals(rotated.toString(), 200, rotated.status());
            String newSecret = rotated.body().get("signing_secret").asText();
            assertTrue(rotated.body().get("secret_rotating").asBoolean());
            String invited = "webhook-" + System.nanoTime() + "@example.com";
            assertEquals(201, call("POST", "/v1/organizations/" + me.get("org") + "/users", apiKey(owner),
                    "{\"email\":\"" + invited + "\"}").status());
            WebhookReceiver.Received during = receiver.await(each -> each.text().contains("user.invited"), 60);
            new WebhookVerifier(newSecret).verify(during.headers(), during.body());
            new WebhookVerifier(oldSecret).verify(during.headers(), during.body());
            new WebhookVerifier(oldSecret).verifyBodySignature(during.headers(), during.body());
            assertEquals(2, during.header("webhook-signature").split(" ").length);

            // after a rotation without grace only the new secret signs
            String newest = call("POST", base + "/rotate-secret", apiKey(owner), "{\"grace_period_hours\":0}")
                    .body().get("signing_secret").asText();
            String second = call("POST", base + "/test", apiKey(owner), null).body().get("event_id").asText();
            WebhookReceiver.Received after = receiver.await(each -> second.equals(each.header("webhook-id")), 60);
            new WebhookVerifier(newest).verify(after.headers(), after.body());
            assertRefused(() -> new WebhookVerifier(newSecret).verify(after.headers(), after.body()));
            assertEquals(204, call("DELETE", base, apiKey(owner), null).status());
            assertEquals(404, call("GET", base, apiKey(owner), null).status());
        }
    }

    @Test
    public void rolesTenantsAndTargetsAreChecked() throws Exception {
        String owner = bootstrapKey();
        Map<String, String> me = me(owner);
        String webhooks = "/v1/organizations/" + me.get("org") + "/webhooks";
        String analyst = created(call("POST", "/v1/environments/" + me.get("env") + "/api-keys", apiKey(owner),
                "{\"name\":\"analyst\",\"role\":\"analyst\",\"scopes\":[\"admin\"]}")).get("key").asText();
        assertEquals(403, call("GET", webhooks, apiKey(analyst), null).status());
        String readOnly = created(call("POST", "/v1/environments/" + me.get("env") + "/api-keys", apiKey(owner),
                "{\"name\":\"no-scope\"}")).get("key").asText();
        assertEquals(403, call("GET", webhooks, apiKey(readOnly), null).status());
        assertEquals(200, call("GET", webhooks, apiKey(owner), null).status());

        String token = login(null).get("access_token").asText();
        String otherOrg = created(call("POST", "/v1/organizations", bearer(token),
                "{\"name\":\"Webhook Tenant\",\"billing_email\":\"billing@example.com\",\"slug\":\"webhook-tenant-" + System.nanoTime() + "\"}")).get("org_id").asText();
        assertEquals(404, call("GET", "/v1/organizations/" + otherOrg + "/webhooks", apiKey(owner), null).status());

        Reply plainHttp = call("POST", webhooks, apiKey(owner), "{\"url\":\"http://hooks.example.com/in\",\"events\":[\"key.created\"]}");
        assertEquals(plainHttp.toString(), 400, plainHttp.status());
        assertEquals("https_required", plainHttp.body().get("error").get("details").get("constraint").asText());
        Reply metadata = call("POST", webhooks, apiKey(owner), "{\"url\":\"https://169.254.169.254/latest\",\"events\":[\"key.created\"]}");
        assertEquals("private_target", metadata.body().get("error").get("details").get("constraint").asText());
        Reply unknown = call("POST", webhooks, apiKey(owner), "{\"url\":\"https://hooks.example.com/\",\"events\":[\"key.exploded\"]}");
        assertEquals("events", unknown.body().get("error").get("details").get("field").asText());
        assertTrue(call("GET", "/v1/openapi.json", Map.of(), null).body().get("paths")
                .has("/organizations/{org_id}/webhooks/{webhook_id}/rotate-secret"));
    }

    private interface Check {
        void run() throws WebhookVerificationException;
    }

    private static void assertRefused(Check check) {
        try {
            check.run();
            fail("the delivery verified");
        } catch (WebhookVerificationException expected) {
            // refused
        }
    }
}

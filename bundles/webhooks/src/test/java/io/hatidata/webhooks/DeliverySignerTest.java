package io.hatidata.webhooks;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hatidata.api.webhooks.WebhookVerificationException;
import io.hatidata.api.webhooks.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliverySignerTest {
    private static final String NEW = "whsec_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0";
    private static final String OLD = "whsec_" + "Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2H1g0";
    private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05.678Z");
    private static final Instant NOW = CREATED.plusSeconds(90);
    private static final ClaimedDelivery DELIVERY = new ClaimedDelivery("dlv_1", "wh_1", "evt_1", "key.created",
            "{\"id\":\"evt_1\"}", CREATED, 3);
    private static final byte[] BODY = DELIVERY.payload().getBytes(StandardCharsets.UTF_8);

    private static WebhookVerifier verifier(String secret, Instant now) {
        return new WebhookVerifier(List.of(secret), WebhookVerifier.DEFAULT_TOLERANCE, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void everyDeliveryCarriesBothHeaderSets() {
        Map<String, String> headers = DeliverySigner.headers(DELIVERY, List.of(NEW), NOW);
        assertEquals("application/json", headers.get("Content-Type"));
        assertEquals("key.created", headers.get("X-HatiData-Event-Type"));
        assertEquals("evt_1", headers.get("X-HatiData-Event-Id"));
        assertEquals("2026-01-02T03:04:05.678Z", headers.get("X-HatiData-Timestamp"));
        assertEquals("3", headers.get("X-HatiData-Delivery-Attempt"));
        assertEquals("evt_1", headers.get("webhook-id"));
        assertEquals(Long.toString(NOW.getEpochSecond()), headers.get("webhook-timestamp"));
        assertDoesNotThrow(() -> verifier(NEW, NOW).verify(headers, BODY));
        assertDoesNotThrow(() -> verifier(NEW, NOW).verifyBodySignature(headers, BODY));
    }

    @Test
    void aCapturedDeliveryReplayedLaterIsRejected() {
        Map<String, String> headers = DeliverySigner.headers(DELIVERY, List.of(NEW), NOW);
        assertThrows(WebhookVerificationException.class,
                () -> verifier(NEW, NOW.plus(Duration.ofMinutes(10))).verify(headers, BODY));
    }

    @Test
    void duringARotationBothSecretsVerify() {
        Map<String, String> headers = DeliverySigner.headers(DELIVERY, List.of(NEW, OLD), NOW);
        assertDoesNotThrow(() -> verifier(NEW, NOW).verify(headers, BODY));
        assertDoesNotThrow(() -> verifier(OLD, NOW).verify(headers, BODY));
        // the single body signature stays with the secret receivers had before the rotation
        assertDoesNotThrow(() -> verifier(OLD, NOW).verifyBodySignature(headers, BODY));
    }
}

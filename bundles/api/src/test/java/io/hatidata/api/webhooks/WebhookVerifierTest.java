package io.hatidata.api.webhooks;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {
    private static final String SECRET = "whsec_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0";
    private static final String OTHER = "whsec_" + "Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2H1g0";
    private static final byte[] BODY = "{\"id\":\"evt_1\",\"type\":\"key.created\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant SENT = Instant.parse("2026-01-02T03:04:05Z");

    private static Map<String, String> headers(String secret, Instant sent) {
        long seconds = sent.getEpochSecond();
        return Map.of("webhook-id", "evt_1", "webhook-timestamp", Long.toString(seconds),
                "webhook-signature", WebhookSignatures.standard(secret, "evt_1", seconds, BODY),
                "X-HatiData-Signature", WebhookSignatures.hatiData(secret, BODY), "X-HatiData-Event-Id", "evt_1");
    }

    private static WebhookVerifier at(Instant now, String... secrets) {
        return new WebhookVerifier(List.of(secrets), WebhookVerifier.DEFAULT_TOLERANCE, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aFreshDeliveryVerifies() {
        assertDoesNotThrow(() -> at(SENT.plusSeconds(3), SECRET).verify(headers(SECRET, SENT), BODY));
        assertDoesNotThrow(() -> at(SENT, SECRET).verifyBodySignature(headers(SECRET, SENT), BODY));
    }

    @Test
    void headerNamesMatchIgnoringCase() {
        Map<String, String> upper = new java.util.HashMap<>();
        headers(SECRET, SENT).forEach((name, value) -> upper.put(name.toUpperCase(java.util.Locale.ROOT), value));
        assertDoesNotThrow(() -> at(SENT, SECRET).verify(upper, BODY));
    }

    @Test
    void anOldDeliveryReplayedIsRejected() {
        WebhookVerifier later = at(SENT.plus(Duration.ofMinutes(5)).plusSeconds(1), SECRET);
        WebhookVerificationException refused = assertThrows(WebhookVerificationException.class,
                () -> later.verify(headers(SECRET, SENT), BODY));
        assertEquals("the delivery is older than the tolerance (a replay?)", refused.getMessage());
    }

    @Test
    void aReplayWithAFreshTimestampButTheOldSignatureIsRejected() {
        Instant now = SENT.plus(Duration.ofHours(1));
        Map<String, String> replayed = new java.util.HashMap<>(headers(SECRET, SENT));
        replayed.put("webhook-timestamp", Long.toString(now.getEpochSecond()));
        assertThrows(WebhookVerificationException.class, () -> at(now, SECRET).verify(replayed, BODY));
    }

    @Test
    void aTimestampInTheFutureBeyondTheToleranceIsRejected() {
        assertThrows(WebhookVerificationException.class,
                () -> at(SENT.minus(Duration.ofMinutes(6)), SECRET).verify(headers(SECRET, SENT), BODY));
    }

    @Test
    void aChangedBodyOrAnotherSecretIsRejected() {
        byte[] changed = "{\"id\":\"evt_1\",\"type\":\"key.revoked\"}".getBytes(StandardCharsets.UTF_8);
        assertThrows(WebhookVerificationException.class, () -> at(SENT, SECRET).verify(headers(SECRET, SENT), changed));
        assertThrows(WebhookVerificationException.class, () -> at(SENT, SECRET).verifyBodySignature(headers(SECRET, SENT), changed));
        assertThrows(WebhookVerificationException.class, () -> at(SENT, OTHER).verify(headers(SECRET, SENT), BODY));
        assertThrows(WebhookVerificationException.class, () -> at(SENT, OTHER).verifyBodySignature(headers(SECRET, SENT), BODY));
    }

    @Test
    void duringARotationEitherSecretVerifiesAHeaderSignedWithBoth() {
        long seconds = SENT.getEpochSecond();
        String both = WebhookSignatures.standard(OTHER, "evt_1", seconds, BODY) + " "
                + WebhookSignatures.standard(SECRET, "evt_1", seconds, BODY);
        for (String each : List.of(SECRET, OTHER)) {
            assertDoesNotThrow(() -> at(SENT, each).verify("evt_1", Long.toString(seconds), both, BODY));
        }
        assertDoesNotThrow(() -> at(SENT, SECRET, OTHER).verify(headers(OTHER, SENT), BODY));
    }

    @Test
    void missingHeadersAndAnEventIdThatDiffersFromTheSignedIdAreRejected() {
        assertThrows(WebhookVerificationException.class, () -> at(SENT, SECRET).verify(Map.of(), BODY));
        assertThrows(WebhookVerificationException.class, () -> at(SENT, SECRET).verifyBodySignature(Map.of(), BODY));
        Map<String, String> swapped = new java.util.HashMap<>(headers(SECRET, SENT));
        swapped.put("X-HatiData-Event-Id", "evt_2");
        assertThrows(WebhookVerificationException.class, () -> at(SENT, SECRET).verify(swapped, BODY));
        Map<String, String> garbled = new java.util.HashMap<>(headers(SECRET, SENT));
        garbled.put("webhook-timestamp", "yesterday");
        assertThrows(WebhookVerificationException.class, () -> at(SENT, SECRET).verify(garbled, BODY));
    }

    @Test
    void aVerifierNeedsValidSecrets() {
        assertThrows(IllegalArgumentException.class, () -> new WebhookVerifier());
        assertThrows(IllegalArgumentException.class, () -> new WebhookVerifier("secret"));
    }
}

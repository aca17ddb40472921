package io.hatidata.api.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {
    /** The example of the Standard Webhooks specification. */
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theStandardSignatureIsTheSpecificationsExample() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                WebhookSignatures.standard(SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, BODY));
    }

    /** The value {@code openssl dgst -sha256 -mac HMAC -macopt key:<secret>} prints for the same body. */
    @Test
    void theHatiDataSignatureIsTheHmacOfTheBodyKeyedWithTheWholeSecret() {
        assertEquals("sha256=80ec8a89ce3cd22133a1066caecb4d04fea7467657c8514d717ec42c38a5c94c",
                WebhookSignatures.hatiData(SECRET, BODY));
    }

    @Test
    void aSecretWithoutThePrefixOrBase64IsRefused() {
        assertThrows(IllegalArgumentException.class, () -> WebhookSignatures.standardKey("MfKQ9r8GKYqrTwjU"));
        assertThrows(IllegalArgumentException.class, () -> WebhookSignatures.standardKey("whsec_not*base64"));
    }
}

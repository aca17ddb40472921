package io.hatidata.api.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two signatures every delivery carries, computed with the JDK alone (the sender and
 * {@link WebhookVerifier} use the same functions):
 *
 * <ul>
 *   <li>HatiData's {@code X-HatiData-Signature: sha256=<hex>}: HMAC-SHA256 of the raw body keyed with the
 *       whole secret string ({@code whsec_…}) as UTF-8 (SPEC §2.12.3). It covers only the body, so a
 *       captured delivery can be sent again unchanged.
 *   <li>Standard Webhooks' {@code webhook-signature: v1,<base64>}: HMAC-SHA256 of
 *       {@code <webhook-id>.<webhook-timestamp>.<body>} keyed with the base64-decoded part of the secret
 *       after {@code whsec_}, as the Standard Webhooks specification defines it. The timestamp (Unix
 *       seconds of the attempt) is signed, so a receiver rejects old deliveries.
 * </ul>
 */
public final class WebhookSignatures {
    /** The prefix of every signing secret. */
    public static final String SECRET_PREFIX = "whsec_";
    private static final String HMAC = "HmacSHA256";

    private WebhookSignatures() {}

    /** {@code sha256=<lowercase hex>} of the body, for the {@code X-HatiData-Signature} header. */
    public static String hatiData(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    /** {@code v1,<base64>} of {@code id.timestamp.body}, one entry of the {@code webhook-signature} header. */
    public static String standard(String secret, String id, long timestampSeconds, byte[] body) {
        byte[] prefix = (id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        System.arraycopy(body, 0, content, prefix.length, body.length);
        return "v1," + Base64.getEncoder().encodeToString(hmac(standardKey(secret), content));
    }

    /** The Standard Webhooks key of a secret: the base64 after {@code whsec_}, decoded. */
    public static byte[] standardKey(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("a signing secret starts with " + SECRET_PREFIX);
        }
        try {
            return Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("the part of a signing secret after " + SECRET_PREFIX + " is not base64");
        }
    }

    private static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(content);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HMAC-SHA256 is not available", ex);
        }
    }
}

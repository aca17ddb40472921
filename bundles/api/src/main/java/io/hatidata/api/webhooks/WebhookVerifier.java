package io.hatidata.api.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a delivery on the receiving side, with the JDK alone (a receiver needs only the API jar).
 *
 * <p>{@link #verify(Map, byte[])} checks the Standard Webhooks headers ({@code webhook-id},
 * {@code webhook-timestamp}, {@code webhook-signature}): the timestamp must lie within the tolerance
 * (default {@link #DEFAULT_TOLERANCE}) of the receiver's clock, and one {@code v1} signature of the header
 * must match one of the secrets (several during a rotation). A captured delivery sent again after the
 * tolerance is refused. When {@code X-HatiData-Event-Id} is present it must equal {@code webhook-id}, so
 * the id a receiver de-duplicates by is the signed one.
 *
 * <p>{@link #verifyBodySignature(Map, byte[])} checks only HatiData's {@code X-HatiData-Signature}, for
 * receivers written against it. That signature covers the body but no time, so it cannot tell a replay
 * from the original; such receivers must de-duplicate by {@code X-HatiData-Event-Id}.
 *
 * <p>Every comparison is constant-time ({@link MessageDigest#isEqual}). Instances are immutable and
 * thread-safe.
 */
public final class WebhookVerifier {
    /** How far a delivery's timestamp may be from the receiver's clock, either way. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final List<String> secrets;
    private final Duration tolerance;
    private final Clock clock;

    /** Verifies with these secrets ({@code whsec_…}), the default tolerance and the system clock. */
    public WebhookVerifier(String... secrets) {
        this(List.of(secrets), DEFAULT_TOLERANCE, Clock.systemUTC());
    }

    public WebhookVerifier(List<String> secrets, Duration tolerance, Clock clock) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret is needed");
        }
        for (String each : secrets) {
            WebhookSignatures.standardKey(each);
        }
        this.secrets = List.copyOf(secrets);
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("the tolerance must not be negative");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Checks the timestamped Standard Webhooks signature; header names are matched ignoring case.
     *
     * @throws WebhookVerificationException if a header is missing, the timestamp is outside the tolerance,
     *     or no signature matches
     */
    public void verify(Map<String, String> headers, byte[] body) throws WebhookVerificationException {
        String id = header(headers, "webhook-id");
        String eventId = header(headers, "X-HatiData-Event-Id");
        if (eventId != null && !eventId.equals(id)) {
            throw new WebhookVerificationException("X-HatiData-Event-Id differs from webhook-id");
        }
        verify(id, header(headers, "webhook-timestamp"), header(headers, "webhook-signature"), body);
    }

    /** Checks the timestamped signature from the three header values. */
    public void verify(String id, String timestamp, String signatureHeader, byte[] body)
            throws WebhookVerificationException {
        if (id == null || id.isEmpty() || timestamp == null || signatureHeader == null) {
            throw new WebhookVerificationException("webhook-id, webhook-timestamp and webhook-signature are required");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException ex) {
            throw new WebhookVerificationException("webhook-timestamp is not a number of seconds");
        }
        Instant sent = Instant.ofEpochSecond(seconds);
        Instant now = clock.instant();
        if (sent.isBefore(now.minus(tolerance))) {
            throw new WebhookVerificationException("the delivery is older than the tolerance (a replay?)");
        }
        if (sent.isAfter(now.plus(tolerance))) {
            throw new WebhookVerificationException("the delivery's timestamp is in the future");
        }
        boolean matched = false;
        for (String secret : secrets) {
            byte[] expected = WebhookSignatures.standard(secret, id, seconds, body).getBytes(StandardCharsets.US_ASCII);
            for (String each : signatureHeader.trim().split(" +")) {
                // every pair is compared, so the time taken does not depend on which one matches
                matched |= MessageDigest.isEqual(expected, each.getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (!matched) {
            throw new WebhookVerificationException("no signature matches");
        }
    }

    /**
     * Checks only {@code X-HatiData-Signature} (body, no time: not replay-safe); header names are matched
     * ignoring case.
     */
    public void verifyBodySignature(Map<String, String> headers, byte[] body) throws WebhookVerificationException {
        verifyBodySignature(header(headers, "X-HatiData-Signature"), body);
    }

    /** Checks an {@code X-HatiData-Signature} value ({@code sha256=<hex>}) against the body. */
    public void verifyBodySignature(String signature, byte[] body) throws WebhookVerificationException {
        if (signature == null) {
            throw new WebhookVerificationException("X-HatiData-Signature is required");
        }
        byte[] given = signature.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (String secret : secrets) {
            matched |= MessageDigest.isEqual(WebhookSignatures.hatiData(secret, body).getBytes(StandardCharsets.US_ASCII), given);
        }
        if (!matched) {
            throw new WebhookVerificationException("the signature does not match");
        }
    }

    private static String header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> each : headers.entrySet()) {
            if (each.getKey() != null && each.getKey().equalsIgnoreCase(name)) {
                return each.getValue();
            }
        }
        return null;
    }
}

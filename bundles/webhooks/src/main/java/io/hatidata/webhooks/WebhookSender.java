package io.hatidata.webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs one delivery with {@link HttpClient}: the timeout covers connecting and the answer (SPEC: 2xx
 * within 10 s), redirects are not followed (a redirect is a failed attempt: it could lead to a target the
 * policy refuses), the answer's body is discarded.
 */
final class WebhookSender {
    private static final String USER_AGENT = "HatiData-Webhooks/1.0";

    private final HttpClient client;
    private final Duration timeout;

    WebhookSender(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Sends; interruption is passed on (the delivery's lease then brings it back). */
    AttemptResult send(URI target, Map<String, String> headers, String body) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(timeout)
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        long started = System.nanoTime();
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return AttemptResult.answered(response.statusCode(), elapsedMs(started));
        } catch (HttpTimeoutException ex) {
            return AttemptResult.failed("no answer within " + timeout.toSeconds() + " s", elapsedMs(started));
        } catch (IOException ex) {
            return AttemptResult.failed("connection failed: " + ex.getClass().getSimpleName()
                    + (ex.getMessage() == null ? "" : " " + ex.getMessage()), elapsedMs(started));
        }
    }

    private static long elapsedMs(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }
}
